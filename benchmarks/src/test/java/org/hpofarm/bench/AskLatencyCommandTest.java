package org.hpofarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option checks of {@code farm bench ask-latency} (the benchmark itself runs only on request). */
class AskLatencyCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void unknownSamplerIsAUsageErrorNamingTheOption() {
    assertEquals(2, run("ask-latency", "--samplers", "simplex"));
    assertTrue(err.toString().contains("samplers: unknown sampler 'simplex'"), err::toString);
  }

  @Test
  void negativeHistoryIsAUsageError() {
    assertEquals(2, run("ask-latency", "--samplers", "random", "--history", "-1"));
    assertTrue(err.toString().contains("history:"), err::toString);
  }

  @Test
  void zeroIterationsIsAUsageError() {
    assertEquals(2, run("ask-latency", "--samplers", "random", "--iterations", "0"));
    assertTrue(err.toString().contains("iterations"), err::toString);
  }
}
