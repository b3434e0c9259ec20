package org.hpofarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class FarmCommandLineTest {

  @Command(name = "tool", subcommands = Tool.Read.class)
  static final class Tool implements Runnable {
    @Override
    public void run() {}

    @Command(name = "read")
    static final class Read implements Callable<Integer> {
      @Option(names = "--file", required = true)
      Path file;

      @Override
      public Integer call() throws Exception {
        if (file.toString().equals("boom")) {
          throw new IllegalStateException("wrapped", new IllegalArgumentException("inner"));
        }
        return Files.readString(file).length();
      }
    }
  }

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = FarmCommandLine.of(new Tool());
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private String[] errLines() {
    return err.toString().strip().split("\n");
  }

  @Test
  void aFailureIsOneLineNamingTheCommandAndTheCause() {
    assertEquals(1, run("read", "--file", "/no/such/file"));
    assertEquals(1, errLines().length, err::toString);
    assertEquals(
        "farm tool read: no such file: /no/such/file (--verbose shows the stack trace)",
        errLines()[0]);
  }

  @Test
  void theOutermostMessageIsTold() {
    assertEquals(1, run("read", "--file", "boom"));
    assertEquals(
        "farm tool read: wrapped (--verbose shows the stack trace)", err.toString().strip());
  }

  @Test
  void verboseShowsTheStackTrace() {
    assertEquals(1, run("read", "--verbose", "--file", "boom"));
    assertTrue(err.toString().contains("java.lang.IllegalStateException: wrapped"), err::toString);
    assertTrue(err.toString().contains("\tat "), err::toString);
    assertTrue(err.toString().contains("Caused by: java.lang.IllegalArgumentException: inner"));
  }

  @Test
  void aUsageErrorIsOneLineWithoutTheUsage() {
    assertEquals(2, run("read"));
    assertEquals(1, errLines().length, err::toString);
    assertTrue(errLines()[0].startsWith("farm tool read: Missing required option"), err::toString);
    assertTrue(errLines()[0].endsWith("(--help lists the options)"), err::toString);
  }

  @Test
  void describeFlattensAMultiLineMessage() {
    assertEquals("a b", FarmCommandLine.describe(new RuntimeException("a\n  b\n")));
    assertEquals("RuntimeException", FarmCommandLine.describe(new RuntimeException()));
  }
}
