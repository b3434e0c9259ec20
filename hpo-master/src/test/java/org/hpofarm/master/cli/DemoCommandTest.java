package org.hpofarm.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hpofarm.cli.FarmCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./farm demo}, small: a master, an agent and real trainings, then the summary. */
class DemoCommandTest {

  @Test
  void tunesAndRetrainsTheBestTrialAgainstTheFloor(@TempDir Path data) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int rc;
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      rc =
          FarmCommandLine.execute(
              new DemoCommand(),
              "--trials",
              "3",
              "--slots",
              "2",
              "--epochs",
              "2",
              "--showers",
              "400",
              "--port",
              Integer.toString(port),
              "--data",
              data.toString());
    } finally {
      System.setOut(stdout);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, out);
    Matcher best = Pattern.compile("best: trial \\d+, objective ([0-9.]+)").matcher(out);
    assertTrue(best.find(), out);
    Matcher retrained =
        Pattern.compile("objective ([0-9.]+) against a reference floor of ([0-9.]+)").matcher(out);
    assertTrue(retrained.find(), out);
    assertEquals(best.group(1), retrained.group(1), "the retraining reproduces the trial");
    assertTrue(Double.parseDouble(retrained.group(2)) < Double.parseDouble(retrained.group(1)));
  }
}
