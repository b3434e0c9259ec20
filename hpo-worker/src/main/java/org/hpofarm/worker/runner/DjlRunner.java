package org.hpofarm.worker.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runner for {@code executor.kind: djl}: trains one of the simulators' models in a child JVM
 * ({@code farm sim train}, on this JVM's class path) that speaks the command protocol — a report
 * per epoch, the final objective — so that it runs through {@link CommandRunner}, one code path for
 * both kinds. The child trains on the slice's device (the GPU or MIG instance in {@code
 * CUDA_VISIBLE_DEVICES}, else the CPU, one thread) and checkpoints every epoch under {@code
 * <checkpoints>/<study>/<first try>}, so that a lost or preempted trial's re-queued copy resumes
 * where it stopped, with the same seed. In a worker group every rank runs the same command line and
 * finds its place in the launcher variables that {@link CommandRunner} sets; the ranks average
 * every {@code averageEvery} steps as {@code averaging} says, and only rank 0 prints.
 */
public final class DjlRunner implements TrialRunner {

  /** The simulators' command line, the child's main class. */
  static final String MAIN = "org.hpofarm.sim.cli.SimCommand";

  /** glibc's allocator settings for a training child: see {@link #environment()}. */
  private static final String TUNABLES =
      "glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432"
          + ":glibc.malloc.trim_threshold=4294967295";

  private final CommandRunner command;
  private final Path checkpoints;

  /** A runner starting its children through {@code command}, checkpointing under the directory. */
  public DjlRunner(CommandRunner command, Path checkpoints) {
    this.command = command;
    this.checkpoints = checkpoints;
  }

  @Override
  public String kind() {
    return "djl";
  }

  @Override
  public Outcome run(Assignment a, TrialReporter reporter) throws InterruptedException {
    if (!available()) {
      return new Outcome.Failed(
          "executor.kind djl: the simulators are not on this agent's class path"
              + " (start the agent with ./farm agent)");
    }
    DjlExecutor executor;
    try {
      var names = new java.util.LinkedHashSet<String>();
      a.params().fieldNames().forEachRemaining(names::add);
      executor = DjlExecutor.fromJson(a.executor(), names);
    } catch (IllegalArgumentException e) {
      return new Outcome.Failed(e.getMessage());
    }
    return command.run(a, reporter, new Launch(argv(a, executor), environment(), null, 0));
  }

  /**
   * The environment a training child adds to its parent's: glibc's allocator told to keep the
   * native memory PyTorch frees for its next step ({@code GLIBC_TUNABLES}: one arena, no mmap below
   * 32 MiB, no trimming), unless the parent's environment sets {@code GLIBC_TUNABLES} itself.
   */
  public static Map<String, String> environment() {
    /*
     * Each optimiser step of a large network allocates and frees temporaries of megabytes (the
     * fused Adam update's intermediates, the gradients). By default glibc gives a thread other
     * than the process's first its own arena, serves large blocks by mmap and returns freed memory
     * to the kernel, so that every step faults its pages in again and has the kernel zero them:
     * on the ds2 geometry (3.4 million weights) up to half of an epoch's time, and a different
     * half from one process to the next. The objectives do not change; the small geometry's
     * arrays stay below glibc's thresholds. Figures: docs/simulators.md, "Native memory of a
     * training".
     */
    return System.getenv("GLIBC_TUNABLES") != null ? Map.of() : Map.of("GLIBC_TUNABLES", TUNABLES);
  }

  /** The child's command line for the trial of {@code a}. */
  List<String> argv(Assignment a, DjlExecutor e) {
    return trainCommand(
        e,
        a.params(),
        e.seed() == null ? a.checkpoint() : e.seed(), // a resumed try trains as its first did
        !CommandRunner.visibleDevice(a.slice()).isEmpty(),
        checkpoints == null
            ? null
            : checkpoints.resolve(a.study()).resolve(Integer.toString(a.checkpoint())));
  }

  /**
   * The command line of a training as a djl trial runs it: {@code farm sim train} in a child of
   * this JVM (its java and class path), one thread, on the GPU the process is given or the CPU,
   * checkpointing under {@code checkpoint} (null: none). Start it with {@link #environment()}.
   */
  public static List<String> trainCommand(
      DjlExecutor e, ObjectNode params, long seed, boolean gpu, Path checkpoint) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                MAIN,
                "train",
                "--model",
                e.model(),
                "--geometry",
                e.geometry(),
                "--epochs",
                Integer.toString(e.epochs()),
                "--showers",
                Integer.toString(e.showers()),
                "--seed",
                Long.toString(seed),
                "--params",
                params.toString(),
                "--device",
                gpu ? "gpu" : "cpu",
                "--threads",
                "1",
                "--average-every",
                Integer.toString(e.averageEvery()),
                "--averaging",
                e.averaging()));
    if (checkpoint != null) {
      argv.add("--checkpoint");
      argv.add(checkpoint.toString());
    }
    return argv;
  }

  /** Whether the simulators (the child's main class) are on this JVM's class path. */
  public static boolean available() {
    return ClassLoader.getSystemResource(MAIN.replace('.', '/') + ".class") != null;
  }
}
