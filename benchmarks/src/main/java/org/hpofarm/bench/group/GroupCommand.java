package org.hpofarm.bench.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hpofarm.worker.runner.DjlExecutor;
import org.hpofarm.worker.runner.DjlRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code farm bench group}: a djl trial on one worker and on a worker group, one after the other on
 * this machine, with the same seed and epochs: the objective against wall time of each, how soon
 * the group reaches the single worker's final objective, and the best ratio this machine allows.
 */
@Command(
    name = "group",
    mixinStandardHelpOptions = true,
    description = {
      "Data-parallel djl training: one worker against a group of ranks (one thread each), same"
          + " seed and epochs, and as many independent workers at once (the machine's"
          + " contention); JSON lines (epoch, run, summary)."
    })
public final class GroupCommand implements Callable<Integer> {

  /*
   * Each run is what an agent starts for the trial: DjlRunner's command line (a child JVM, one
   * thread), the group's ranks with PyTorch's launcher variables on a free loopback port. Wall
   * seconds count from the start of the processes (JVM start included, the same for both) to the
   * arrival of each of rank 0's epoch reports. The time to target is the first report at or below
   * the single worker's final objective.
   *
   * Between the two, as many independent single workers as the group has ranks train at once:
   * their epochs against the lone worker's say how much the processes slow each other down on this
   * machine (shared caches, memory bandwidth, vCPUs that are one core's hyperthreads). A rank does
   * at best its share of a single worker's work, so a group's time over the single worker's
   * cannot go below that contention over the number of ranks: bestRatio.
   */

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern AVERAGES =
      Pattern.compile(
          "worker group: rank 0 of \\d+: (\\d+) averages .*?, ([0-9.]+) s in them,"
              + " (\\d+) bytes per average");

  @Option(names = "--model", description = "model (default ${DEFAULT-VALUE})")
  String model = "calo.vae";

  @Option(names = "--geometry", description = "geometry (default ${DEFAULT-VALUE})")
  String geometry = "small";

  @Option(names = "--showers", description = "training showers (default ${DEFAULT-VALUE})")
  int showers = 10_000;

  @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
  int epochs = 8;

  @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--ranks", description = "ranks of the group (default ${DEFAULT-VALUE})")
  int ranks = 2;

  @Option(
      names = "--average-every",
      description = "optimiser steps between averages (default ${DEFAULT-VALUE})")
  int averageEvery = 32;

  @Option(names = "--averaging", description = "sync | elastic (default ${DEFAULT-VALUE})")
  String averaging = "sync";

  @Option(names = "--params", description = "hyperparameters as JSON (default: the model's)")
  String params = "{}";

  @Spec CommandSpec spec;

  /** One run: rank 0's epoch reports as (wall seconds, objective), and its final result. */
  private record Run(String mode, List<double[]> curve, JsonNode result, String stderr) {}

  @Override
  public Integer call() throws Exception {
    if (ranks < 2 || epochs < 1 || showers < 100 || averageEvery < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "ranks: at least 2; epochs, average-every: at least 1; showers >= 100");
    }
    if (!DjlRunner.available()) {
      throw new IllegalStateException("the simulators are not on the class path: ./farm bench");
    }
    ObjectNode executor =
        JSON.createObjectNode()
            .put("kind", "djl")
            .put("model", model)
            .put("geometry", geometry)
            .put("epochs", epochs)
            .put("showers", showers)
            .put("seed", seed)
            .put("averageEvery", averageEvery)
            .put("averaging", averaging);
    ObjectNode hyper = (ObjectNode) JSON.readTree(params);
    Set<String> names = new java.util.LinkedHashSet<>();
    hyper.fieldNames().forEachRemaining(names::add);
    List<String> argv =
        DjlRunner.trainCommand(DjlExecutor.fromJson(executor, names), hyper, seed, false, null);
    PrintWriter out = spec.commandLine().getOut();
    Run single = run("single", argv, 1, false, out);
    Run independent = run("independent", argv, ranks, false, out);
    Run group = run("group", argv, ranks, true, out);
    double contention = perEpoch(independent.curve()) / perEpoch(single.curve());
    double target = single.result().get("value").asDouble();
    double singleSeconds = secondsTo(single.curve(), target);
    double groupSeconds = secondsTo(group.curve(), target);
    ObjectNode summary =
        JSON.createObjectNode()
            .put("kind", "summary")
            .put("model", model)
            .put("geometry", geometry)
            .put("showers", showers)
            .put("epochs", epochs)
            .put("seed", seed)
            .put("ranks", ranks)
            .put("averaging", averaging)
            .put("averageEvery", averageEvery)
            .put("target", target)
            .put("singleFinal", target)
            .put("groupFinal", group.result().get("value").asDouble())
            .put("singleSecondsToTarget", singleSeconds)
            .put("groupSecondsToTarget", groupSeconds)
            .put("ratio", groupSeconds / singleSeconds)
            .put("singleSeconds", single.curve().getLast()[0])
            .put("groupSeconds", group.curve().getLast()[0])
            .put("singleFirstReportSeconds", single.curve().getFirst()[0])
            .put("groupFirstReportSeconds", group.curve().getFirst()[0])
            .put("singleSecondsPerEpoch", perEpoch(single.curve()))
            .put("groupSecondsPerEpoch", perEpoch(group.curve()))
            .put("independentSecondsPerEpoch", perEpoch(independent.curve()))
            .put("contention", contention)
            .put("bestRatio", contention / ranks);
    Matcher m = AVERAGES.matcher(group.stderr());
    if (m.find()) {
      summary
          .put("averages", Long.parseLong(m.group(1)))
          .put("averageSeconds", Double.parseDouble(m.group(2)))
          .put("bytesPerAverage", Long.parseLong(m.group(3)));
    }
    out.println(summary);
    out.flush();
    return 0;
  }

  /** Mean wall seconds between two reports (the first report's setup left out); NaN for one. */
  private static double perEpoch(List<double[]> curve) {
    return (curve.getLast()[0] - curve.getFirst()[0]) / (curve.size() - 1);
  }

  /** Wall seconds of the first report at or below {@code target}; NaN if none is. */
  private static double secondsTo(List<double[]> curve, double target) {
    for (double[] p : curve) {
      if (p[1] <= target) {
        return p[0];
      }
    }
    return Double.NaN;
  }

  /**
   * Runs {@code size} copies of {@code argv} at once, as the ranks of one group ({@code grouped})
   * or as independent single workers, and follows the first one's reports.
   */
  private Run run(String mode, List<String> argv, int size, boolean grouped, PrintWriter out)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (int rank = 0; rank < size; rank++) {
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().putAll(DjlRunner.environment());
      if (grouped) {
        pb.environment().put("WORLD_SIZE", Integer.toString(size));
        pb.environment().put("RANK", Integer.toString(rank));
        pb.environment().put("LOCAL_RANK", Integer.toString(rank));
        pb.environment().put("LOCAL_WORLD_SIZE", Integer.toString(size));
        pb.environment().put("MASTER_ADDR", "127.0.0.1");
        pb.environment().put("MASTER_PORT", Integer.toString(port));
      }
      if (rank > 0) {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
      }
      processes.add(pb.start());
    }
    Process zero = processes.getFirst();
    StringBuilder err = new StringBuilder();
    Thread errors =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    err.append(
                        new String(zero.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                  } catch (IOException ignored) { // the process ended
                  }
                });
    List<double[]> curve = new ArrayList<>();
    JsonNode result = null;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(zero.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode j = JSON.readTree(line);
        if (j.has("epoch")) {
          double objective = j.get("value").asDouble();
          curve.add(new double[] {seconds, objective});
          out.println(
              JSON.createObjectNode()
                  .put("kind", "epoch")
                  .put("mode", mode)
                  .put("ranks", size)
                  .put("epoch", j.get("epoch").asInt())
                  .put("seconds", seconds)
                  .put("objective", objective));
          out.flush();
        } else if (j.has("value")) {
          result = j;
        }
      }
    }
    for (Process p : processes) {
      if (p.waitFor() != 0) {
        errors.join();
        throw new IllegalStateException(mode + ": exit status " + p.exitValue() + ": " + err);
      }
    }
    errors.join();
    if (result == null || curve.isEmpty()) {
      throw new IllegalStateException(mode + ": no result: " + err);
    }
    out.println(
        JSON.createObjectNode()
            .put("kind", "run")
            .put("mode", mode)
            .put("ranks", size)
            .put("seconds", (System.nanoTime() - t0) / 1e9)
            .put("objective", result.get("value").asDouble()));
    out.flush();
    return new Run(mode, curve, result, err.toString());
  }
}
