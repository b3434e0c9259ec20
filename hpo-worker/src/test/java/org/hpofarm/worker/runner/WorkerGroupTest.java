package org.hpofarm.worker.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker group's trial: one process per slice, PyTorch's launcher variables, stopped together.
 */
class WorkerGroupTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private final CommandRunner runner = new CommandRunner();
  private final List<String> reports = new ArrayList<>();

  private Outcome run(int size, String executor, String params) throws Exception {
    List<Slice> slices = Inventory.cpu("n1", size, 0).slices();
    Assignment rank0 =
        new Assignment(
            "s1",
            7,
            7,
            (ObjectNode) JSON.readTree(params),
            slices.get(0),
            JSON.readTree(executor),
            60,
            "n1:" + slices.get(0).id(),
            slices,
            0);
    return runner.run(
        rank0,
        (step, value) -> {
          reports.add(step + "=" + value);
          return false;
        });
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyRankRunsAtOnceWithTheLaunchersVariables(@TempDir Path dir) throws Exception {
    String command =
        "echo \"$RANK $LOCAL_RANK $WORLD_SIZE $LOCAL_WORLD_SIZE $MASTER_ADDR $MASTER_PORT"
            + " $FARM_SLICE $FARM_GROUP\" > "
            + dir
            + "/rank-$RANK; if [ \"$RANK\" = 0 ]; then"
            + " while [ $(ls "
            + dir
            + " | wc -l) -lt 3 ]; do sleep 0.1; done;"
            + " echo '{\"step\": 1, \"value\": 2}'; echo \"{\\\"value\\\": $(ls "
            + dir
            + " | wc -l)}\"; fi";
    Outcome o =
        run(
            3,
            JSON.createObjectNode().put("kind", "command").put("command", command).toString(),
            "{}");

    assertEquals(new Outcome.Values(List.of(3.0)), o, "rank 0 saw the other two running");
    assertEquals(List.of("1=2.0"), reports, "rank 0's reports, once");
    String port = null;
    for (int rank = 0; rank < 3; rank++) {
      String[] seen = Files.readString(dir.resolve("rank-" + rank)).strip().split(" ");
      assertEquals(Integer.toString(rank), seen[0], "RANK");
      assertEquals(Integer.toString(rank), seen[1], "LOCAL_RANK");
      assertEquals("3", seen[2], "WORLD_SIZE");
      assertEquals("3", seen[3], "LOCAL_WORLD_SIZE");
      assertEquals("127.0.0.1", seen[4], "MASTER_ADDR");
      assertTrue(port == null || port.equals(seen[5]), "one MASTER_PORT for the group");
      port = seen[5];
      assertEquals("n1/cpu-" + rank, seen[6], "each rank's own slice");
      assertEquals("n1/cpu-0,n1/cpu-1,n1/cpu-2", seen[7], "FARM_GROUP");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFailingRankStopsTheGroupAndTheTrialIsLostNamingIt(@TempDir Path dir) throws Exception {
    String command =
        "if [ \"$RANK\" = 1 ]; then sleep 1; echo 'out of memory' >&2; exit 3; fi;"
            + " echo $$ > "
            + dir
            + "/pid-$RANK; sleep 60; echo '{\"value\": 1}'";
    long t0 = System.nanoTime();
    Outcome o =
        run(
            3,
            JSON.createObjectNode().put("kind", "command").put("command", command).toString(),
            "{}");

    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    Outcome.Lost lost = assertInstanceOf(Outcome.Lost.class, o);
    assertEquals("worker group: rank 1: exit status 3: out of memory", lost.error());
    assertTrue(seconds < 20, "stopped after " + seconds + " s, not after rank 0's 60 s");
    for (int rank : new int[] {0, 2}) {
      long pid = Long.parseLong(Files.readString(dir.resolve("pid-" + rank)).strip());
      assertTrue(
          ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "rank " + rank + " stopped");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoRanksOfARealTorchDistributedProgramAllReduceAndRankZeroTells() throws Exception {
    Assumptions.assumeTrue(
        torch(), "Debian's python3-torch is not installed (apt-get install python3-torch)");
    Path script = Path.of(System.getProperty("user.dir"), "..", "examples", "allreduce.py");
    var executor = JSON.createObjectNode().put("kind", "command");
    executor.putArray("command").add(PYTHON.toString()).add(script.normalize().toString());
    Outcome o = run(2, executor.toString(), "{\"x\": 0.5}");

    assertEquals(new Outcome.Values(List.of(1.5)), o, "0.5 * 1 + 0.5 * 2, summed over gloo");
  }

  private static boolean torch() throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", "import torch.distributed")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor() == 0;
  }
}
