package org.hpofarm.worker.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;

/**
 * The built-in runner for {@code executor.kind: command}: runs a command line for a trial, hands it
 * the params, and reads its progress and result from its standard output.
 *
 * <p>Executor fields: {@code command} (a string, run with {@code sh -c}, or an array: the argument
 * vector), optional {@code workdir} (default: a fresh directory per trial), {@code env} (an object
 * of extra environment variables) and {@code timeoutSeconds}.
 *
 * <p>The protocol. The process gets its params as JSON in the file {@code params.json} of the
 * trial's directory and in environment variables: {@code FARM_PARAMS} (the JSON), {@code
 * FARM_PARAMS_FILE}, {@code FARM_TRIAL} ({@code study:number}), {@code FARM_STUDY}, {@code
 * FARM_TRIAL_NUMBER}, {@code FARM_SLICE}, {@code FARM_WORKER}, {@code FARM_GROUP} (the worker
 * group's slice ids, comma separated) and {@code CUDA_VISIBLE_DEVICES} (the MIG or GPU id; empty
 * for CPU slots and simulated slices). On standard output, one JSON object per line: {@code
 * {"step": 3, "value": 0.41}} reports an intermediate value (when the pruner says stop, the process
 * is terminated and the trial is PRUNED); {@code {"value": 0.37}} or {@code {"values": [0.37, 12]}}
 * gives the final result. Other lines are ignored, except that a last line that is a bare number is
 * taken as the final value when no JSON one came. The trial is COMPLETE when the process exits with
 * status 0 after a final value, else FAILED with the exit status and the end of its standard error.
 *
 * <p>A worker group's trial runs one process per slice of the group on this agent, each with its
 * own {@code FARM_SLICE} and {@code CUDA_VISIBLE_DEVICES} and the variables PyTorch's launcher sets
 * ({@code MASTER_ADDR} and {@code MASTER_PORT}: a free port on this node, or for a group spread
 * over agents the rendezvous the master gave, on rank 0's agent; {@code WORLD_SIZE}, {@code RANK},
 * {@code LOCAL_RANK}, {@code LOCAL_WORLD_SIZE}), so that a script uses {@code torch.distributed}
 * unchanged. Only rank 0's standard output is read; a rank that fails stops the ranks here and the
 * trial is lost (re-queued while retries remain); ranks here without rank 0 that end well are
 * {@link Outcome.Ended}.
 */
public final class CommandRunner implements TrialRunner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000eof";
  private static final int STDERR_TAIL = 400;

  /** How long the other ranks of a group may run on once rank 0 has its result. */
  static final Duration GROUP_GRACE = Duration.ofSeconds(30);

  private final TrialProcesses processes;

  /** A runner that keeps no record of its processes. */
  public CommandRunner() {
    this(TrialProcesses.none());
  }

  /** A runner that records its running processes in {@code processes}. */
  public CommandRunner(TrialProcesses processes) {
    this.processes = processes;
  }

  @Override
  public String kind() {
    return "command";
  }

  @Override
  public Outcome run(Assignment a, TrialReporter reporter) throws InterruptedException {
    Launch launch;
    try {
      launch = Launch.of(a.executor());
    } catch (IllegalArgumentException e) {
      return new Outcome.Failed(e.getMessage());
    }
    return run(a, reporter, launch);
  }

  /** Runs {@code launch} for the trial of {@code a}, speaking the protocol above. */
  public Outcome run(Assignment a, TrialReporter reporter, Launch launch)
      throws InterruptedException {
    Path dir;
    try {
      dir = Files.createTempDirectory("farm-trial-");
    } catch (IOException e) {
      return new Outcome.Failed("trial directory: " + e.getMessage());
    }
    try {
      return run(
          a,
          reporter,
          launch.argv(),
          launch.env(),
          launch.workdir() == null ? dir : launch.workdir(),
          dir,
          launch.timeoutSeconds());
    } finally {
      delete(dir);
    }
  }

  private Outcome run(
      Assignment a,
      TrialReporter reporter,
      List<String> argv,
      Map<String, String> extraEnv,
      Path cwd,
      Path dir,
      long timeoutSeconds)
      throws InterruptedException {
    String params;
    Path paramsFile = dir.resolve("params.json");
    try {
      params = JSON.writeValueAsString(a.params());
      Files.writeString(paramsFile, params);
    } catch (IOException e) {
      return new Outcome.Failed("params.json: " + e.getMessage());
    }
    int size = a.group().size();
    String host = "127.0.0.1";
    String port;
    try {
      if (a.rendezvous() != null) {
        int colon = a.rendezvous().lastIndexOf(':');
        host = a.rendezvous().substring(0, colon);
        port = a.rendezvous().substring(colon + 1);
      } else {
        port = size > 1 ? Integer.toString(freePort()) : null;
      }
    } catch (IOException e) {
      return new Outcome.Failed("worker group: no free port for its rendezvous: " + e.getMessage());
    }
    List<Process> ranks = new ArrayList<>();
    List<Integer> rankOf = new ArrayList<>();
    List<Runnable> forget = new ArrayList<>();
    try {
      for (int local = 0; local < a.local().size(); local++) {
        Slice slice = a.local().get(local);
        int rank = a.group().indexOf(slice.id());
        ProcessBuilder pb =
            new ProcessBuilder(argv).directory(cwd.toFile()).redirectError(stderr(dir, rank));
        if (rank > 0) {
          pb.redirectOutput(ProcessBuilder.Redirect.DISCARD); // only rank 0 speaks the protocol
        }
        Map<String, String> env = pb.environment();
        env.put("FARM_PARAMS", params);
        env.put("FARM_PARAMS_FILE", paramsFile.toString());
        env.put("FARM_TRIAL", a.trialName());
        env.put("FARM_STUDY", a.study());
        env.put("FARM_TRIAL_NUMBER", Integer.toString(a.trial()));
        env.put("FARM_SLICE", slice.id());
        env.put("FARM_WORKER", a.worker());
        env.put("FARM_GROUP", String.join(",", a.group()));
        env.put("CUDA_VISIBLE_DEVICES", visibleDevice(slice));
        if (size > 1) {
          // what torch.distributed's launcher sets: the group meets at rank 0's node
          env.put("MASTER_ADDR", host);
          env.put("MASTER_PORT", port);
          env.put("WORLD_SIZE", Integer.toString(size));
          env.put("RANK", Integer.toString(rank));
          env.put("LOCAL_RANK", Integer.toString(local));
          env.put("LOCAL_WORLD_SIZE", Integer.toString(a.local().size()));
        }
        env.remove("FARM_TOKEN"); // a trial's process never receives a token
        env.putAll(extraEnv);
        try {
          Process p = pb.start();
          ranks.add(p);
          rankOf.add(rank);
          forget.add(processes.record(p, a.trialName()));
        } catch (IOException e) {
          return new Outcome.Failed(
              "executor.command: cannot start " + argv.get(0) + ": " + e.getMessage());
        }
      }
      if (size == 1) {
        return talk(a, reporter, ranks.get(0), stderr(dir, 0).toPath(), timeoutSeconds);
      }
      return group(a, reporter, ranks, rankOf, dir, timeoutSeconds);
    } finally {
      ranks.forEach(CommandRunner::stop); // a group ends together; stop is a no-op on ended ones
      forget.forEach(Runnable::run);
    }
  }

  /**
   * Runs a worker group's ranks started here: rank 0, when here, speaks the protocol; another rank
   * that exits with an error stops the ranks here, and the trial is lost, saying which rank and why
   * (the master re-queues it within its retries; a djl trial's next try resumes rank 0's
   * checkpoint). When rank 0 has its result, the others get {@link #GROUP_GRACE} to end by
   * themselves. Without rank 0 here, the ranks' clean end is {@link Outcome.Ended}: nothing to
   * tell.
   */
  private static Outcome group(
      Assignment a,
      TrialReporter reporter,
      List<Process> ranks,
      List<Integer> rankOf,
      Path dir,
      long timeoutSeconds)
      throws InterruptedException {
    boolean speaks = rankOf.get(0) == 0;
    AtomicReference<String> lost = new AtomicReference<>();
    List<Thread> watchers = new ArrayList<>();
    for (int i = speaks ? 1 : 0; i < ranks.size(); i++) {
      Process p = ranks.get(i);
      String name = "rank " + rankOf.get(i);
      Path stderr = stderr(dir, rankOf.get(i)).toPath();
      watchers.add(
          Thread.ofVirtual()
              .name("trial-" + name + "-" + a.trialName())
              .start(
                  () -> {
                    try {
                      int status = p.waitFor();
                      if (status != 0
                          && lost.compareAndSet(
                              null, name + ": exit status " + status + tail(stderr))) {
                        ranks.forEach(CommandRunner::stop);
                      }
                    } catch (InterruptedException e) {
                      // the group is being stopped
                    }
                  }));
    }
    try {
      if (!speaks) {
        long deadline =
            timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : 0;
        for (Process p : ranks) {
          if (deadline == 0) {
            p.waitFor();
          } else if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            lost.compareAndSet(null, "timed out after " + timeoutSeconds + " s");
          }
        }
        for (Thread w : watchers) {
          w.join();
        }
        return lost.get() == null
            ? new Outcome.Ended()
            : new Outcome.Lost("worker group: " + lost.get());
      }
      Process first = ranks.get(0);
      Outcome outcome = talk(a, reporter, first, stderr(dir, 0).toPath(), timeoutSeconds);
      if (lost.get() == null && outcome instanceof Outcome.Values) {
        long deadline = System.nanoTime() + GROUP_GRACE.toNanos();
        for (Process p : ranks) {
          p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      }
      return lost.get() == null ? outcome : new Outcome.Lost("worker group: " + lost.get());
    } finally {
      watchers.forEach(Thread::interrupt);
    }
  }

  /** Where a rank's standard error goes: {@code stderr.txt} for rank 0. */
  private static java.io.File stderr(Path dir, int rank) {
    return dir.resolve(rank == 0 ? "stderr.txt" : "stderr-" + rank + ".txt").toFile();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Reads the protocol from a started process until its outcome is known and it has ended. */
  private static Outcome talk(
      Assignment a, TrialReporter reporter, Process p, Path stderr, long timeoutSeconds)
      throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .name("trial-stdout-" + a.trialName())
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process went away; its exit status tells the rest
              } finally {
                lines.add(EOF);
              }
            });
    long deadline =
        timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : 0;
    List<Double> result = null;
    String lastLine = null;
    try {
      while (true) {
        String line;
        if (deadline == 0) {
          line = lines.take();
        } else {
          line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (line == null) {
            stop(p);
            return new Outcome.Failed(
                "executor.timeoutSeconds: still running after " + timeoutSeconds + " s");
          }
        }
        if (line == EOF) {
          break;
        }
        String text = line.strip();
        if (text.isEmpty()) {
          continue;
        }
        lastLine = text;
        if (!text.startsWith("{")) {
          continue;
        }
        JsonNode msg;
        try {
          msg = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          continue;
        }
        if (msg.has("step")) {
          JsonNode step = msg.get("step");
          JsonNode value = msg.get("value");
          if (!step.canConvertToInt()
              || !step.isIntegralNumber()
              || value == null
              || !value.isNumber()) {
            stop(p);
            return new Outcome.Failed(
                "stdout: a report needs an integer step and a number value, got " + text);
          }
          if (reporter.report(step.intValue(), value.doubleValue())) {
            stop(p);
            return new Outcome.Pruned();
          }
        } else if (msg.has("value") || msg.has("values")) {
          try {
            result = values(msg);
          } catch (IllegalArgumentException e) {
            stop(p);
            return new Outcome.Failed("stdout: " + e.getMessage());
          }
        }
      }
      int status = p.waitFor();
      if (status != 0) {
        return new Outcome.Failed("exit status " + status + tail(stderr));
      }
      if (result == null && lastLine != null) {
        try {
          double v = Double.parseDouble(lastLine);
          if (Double.isFinite(v)) {
            result = List.of(v);
          }
        } catch (NumberFormatException e) {
          // no bare number either
        }
      }
      if (result == null) {
        return new Outcome.Failed(
            "stdout: the command ended without a final value line such as {\"value\": 0.37}"
                + tail(stderr));
      }
      return new Outcome.Values(result);
    } catch (InterruptedException e) {
      stop(p);
      throw e;
    } catch (RuntimeException e) {
      stop(p);
      throw e;
    }
  }

  /** The values of a final line, which must all be finite. */
  private static List<Double> values(JsonNode msg) {
    List<Double> values = Outcome.Values.fromJson(msg).values();
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("value: must be finite, got " + v);
      }
    }
    return values;
  }

  /** What the trial's process gets in CUDA_VISIBLE_DEVICES: empty on CPU and simulated slices. */
  static String visibleDevice(Slice s) {
    boolean simulated = s.id().contains("-sim-") || (s.gpu() != null && s.gpu().contains("-sim-"));
    if (s.kind() == SliceKind.CPU || simulated) {
      return "";
    }
    return s.kind() == SliceKind.MIG ? s.id() : s.gpu();
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path stderr) {
    try {
      String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return "";
      }
      return ": "
          + (text.length() > STDERR_TAIL
              ? "..." + text.substring(text.length() - STDERR_TAIL)
              : text);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static void delete(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
