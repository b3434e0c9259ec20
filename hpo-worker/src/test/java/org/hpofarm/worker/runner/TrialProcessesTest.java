package org.hpofarm.worker.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialProcessesTest {

  @TempDir Path dir;

  @Test
  void theNextAgentStopsAProcessTreeLeftRunningAndForgetsFinishedOnes() throws Exception {
    TrialProcesses earlier = TrialProcesses.in(dir);
    Process tree = new ProcessBuilder("sh", "-c", "sleep 600 & sleep 600; wait").start();
    earlier.record(tree, "s:1");
    Process done = new ProcessBuilder("true").start();
    earlier.record(done, "s:2");
    done.waitFor();
    Thread.sleep(Duration.ofMillis(300)); // the shell has started its children
    List<ProcessHandle> children = tree.descendants().toList();
    assertEquals(2, children.size(), "sh and its two sleeps");

    List<String> stopped = TrialProcesses.in(dir).stopOrphans();

    assertEquals(List.of("s:1"), stopped);
    assertFalse(tree.isAlive());
    children.forEach(c -> assertFalse(c.isAlive(), "descendant " + c.pid() + " still runs"));
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "every record forgotten");
    }
  }

  @Test
  void aRecordWhosePidNowNamesAnotherProcessStopsNothing() throws Exception {
    Process other = new ProcessBuilder("sleep", "600").start();
    try {
      Files.writeString(dir.resolve(Long.toString(other.pid())), "12345\ns:3\n");
      assertTrue(TrialProcesses.in(dir).stopOrphans().isEmpty());
      assertTrue(other.isAlive(), "a reused pid is never touched");
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aFinishedTrialLeavesNoRecord() throws Exception {
    CommandRunner runner = new CommandRunner(TrialProcesses.in(dir));
    Assignment a =
        TrialRunnerContract.assignment("{\"kind\": \"command\", \"command\": \"echo 1.5\"}", "{}");
    Outcome out = runner.run(a, (step, value) -> false);
    assertEquals(new Outcome.Values(List.of(1.5)), out);
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count());
    }
  }
}
