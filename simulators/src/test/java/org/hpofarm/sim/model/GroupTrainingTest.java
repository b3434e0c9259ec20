package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hpofarm.sim.cli.SimCommand;
import org.hpofarm.sim.group.Averaging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ranks of calo.vae training data-parallel over loopback TCP, as two child JVMs (DJL's gradient
 * collector is one per JVM, so two ranks cannot share one): the same weights after every
 * synchronous average, and the single worker's objective reached.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GroupTrainingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, Object> PARAMS =
      Map.of("lr", 0.003, "batchSize", 64, "depth", 1, "width", 128);

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code main} of this test class path in a child JVM as rank {@code rank} of two. */
  private static Process rank(int rank, int port, Class<?> main, List<String> args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment()
        .putAll(
            Map.of(
                "WORLD_SIZE",
                "2",
                "RANK",
                Integer.toString(rank),
                "MASTER_ADDR",
                "127.0.0.1",
                "MASTER_PORT",
                Integer.toString(port)));
    return pb.start();
  }

  /** Rank 0's and rank 1's standard output, once both ended with status 0. */
  private static List<String> twoRanks(Class<?> main, List<String> args) throws Exception {
    int port = freePort();
    Process zero = rank(0, port, main, args);
    Process one = rank(1, port, main, args);
    String out0 = new String(zero.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String out1 = new String(one.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, zero.waitFor(), "rank 0's exit status");
    assertEquals(0, one.waitFor(), "rank 1's exit status");
    return List.of(out0, out1);
  }

  @Test
  void everyRankHoldsTheSameWeightsAfterEachSynchronousAverage(@TempDir Path dir) throws Exception {
    twoRanks(AveragingRank.class, List.of("3", dir.toString()));
    List<AveragingRank.Step> zero = AveragingRank.read(dir.resolve("rank-0"));
    List<AveragingRank.Step> one = AveragingRank.read(dir.resolve("rank-1"));
    assertEquals(zero.size(), one.size(), "as many steps on each rank");
    int averaged = 0;
    for (int i = 0; i < zero.size(); i++) {
      assertEquals(zero.get(i).averaged(), one.get(i).averaged(), "step " + i);
      if (zero.get(i).averaged()) {
        assertArrayEquals(zero.get(i).weights(), one.get(i).weights(), "after average, step " + i);
        averaged++;
      } else {
        assertFalse(
            Arrays.equals(zero.get(i).weights(), one.get(i).weights()),
            "between averages each rank follows its own shard, step " + i);
      }
    }
    // 200 showers a rank, 32 a step (the group's 64 halved): 7 steps an epoch, averages after
    // steps 3 and 6 and at each of the 2 epochs' ends (weights and Adam's moments)
    assertEquals(2 * 3, averaged);
  }

  private static TrainingConfig config() {
    return new TrainingConfig("calo.vae", PARAMS, "small", 2000, 6, 3, Device.cpu(), null);
  }

  @Test
  void aGroupOfTwoReachesTheSingleWorkersObjective() throws Exception {
    TrainingConfig c = config();
    TrainingResult single = Training.run(c, e -> true);
    for (Averaging mode : Averaging.values()) {
      List<String> out =
          twoRanks(
              SimCommand.class,
              List.of(
                  "train",
                  "--model",
                  c.model(),
                  "--params",
                  JSON.writeValueAsString(c.params()),
                  "--geometry",
                  c.geometry(),
                  "--showers",
                  Integer.toString(c.showers()),
                  "--epochs",
                  Integer.toString(c.epochs()),
                  "--seed",
                  Long.toString(c.seed()),
                  "--device",
                  "cpu",
                  "--threads",
                  "1",
                  "--average-every",
                  "4",
                  "--averaging",
                  mode.label()));
      assertEquals("", out.get(1), "rank 1 prints nothing");
      List<String> lines = out.get(0).strip().lines().toList();
      assertEquals(c.epochs() + 1, lines.size(), "a report an epoch and the result: " + lines);
      double group = JSON.readTree(lines.getLast()).get("value").asDouble();
      assertTrue(
          group <= single.objective() * tolerance(mode),
          mode.label() + ": group " + group + " vs single " + single.objective());
    }
  }

  /**
   * How far above the single worker's objective a group may end. Synchronous: not at all (measured:
   * 0.0618 against 0.0652). Elastic averaging keeps the ranks apart between averages, which costs
   * progress in a run this short: it ended 14 % above (0.0740); the single worker's own spread over
   * seeds in such short runs is about 8 %, so the bound is 25 %.
   */
  private static double tolerance(Averaging mode) {
    return mode == Averaging.SYNC ? 1.0 : 1.25;
  }
}
