package org.hpofarm.worker.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record, on disk, of the trial processes an agent has started, so that the next agent on the
 * same directory stops those that outlived an agent killed without warning (SIGKILL, the OOM
 * killer) before it starts any of its own.
 *
 * <p>One file per running process, named by its pid, holding its start time and trial. A process
 * counts as an orphan only when a process with that pid still runs and started at that time, so a
 * reused pid is never touched. Under Slurm and Kubernetes the job's cgroup ends every process with
 * the job; this covers an agent restarted by hand or by a supervisor on the same node.
 */
public final class TrialProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(TrialProcesses.class);

  private final Path dir;

  private TrialProcesses(Path dir) {
    this.dir = dir;
  }

  /** No record: for agents whose processes die with their own JVM's tests. */
  public static TrialProcesses none() {
    return new TrialProcesses(null);
  }

  /**
   * The record in {@code dir} (one agent at a time uses it), after stopping the orphans an earlier
   * agent left there; each one stopped is logged.
   */
  public static TrialProcesses takeOver(Path dir) {
    TrialProcesses processes = in(dir);
    for (String trial : processes.stopOrphans()) {
      LOG.warn("stopped the process of trial {}, left running by an earlier agent", trial);
    }
    return processes;
  }

  /** A record in {@code dir}, which one agent at a time uses. */
  public static TrialProcesses in(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("trial processes: cannot create " + dir, e);
    }
    return new TrialProcesses(dir);
  }

  /** Records a process just started for {@code trial}; the returned action forgets it. */
  Runnable record(Process process, String trial) {
    Optional<Instant> started = process.info().startInstant();
    if (dir == null || started.isEmpty()) {
      return () -> {};
    }
    Path file = dir.resolve(Long.toString(process.pid()));
    try {
      Files.writeString(file, started.get().toEpochMilli() + "\n" + trial + "\n");
    } catch (IOException e) {
      return () -> {}; // unrecorded: only its orphaning would go unnoticed
    }
    return () -> {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a stale file names a process that is gone or restarted: ignored at the next start
      }
    };
  }

  /**
   * Stops (SIGTERM, then SIGKILL after 5 s) every recorded process that still runs, with its
   * descendants, and forgets all records; returns the trials they ran.
   */
  public List<String> stopOrphans() {
    List<String> trials = new ArrayList<>();
    if (dir == null) {
      return trials;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("trial processes: cannot list " + dir, e);
    }
    List<ProcessHandle> stopping = new ArrayList<>();
    for (Path file : files) {
      orphan(file)
          .ifPresent(
              p -> {
                trials.add(trialOf(file));
                stopping.addAll(p.descendants().toList());
                stopping.add(p);
              });
    }
    stopping.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : stopping) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("trial processes: cannot delete " + file, e);
      }
    }
    return trials;
  }

  private static Optional<ProcessHandle> orphan(Path file) {
    try {
      long pid = Long.parseLong(file.getFileName().toString());
      long started = Long.parseLong(Files.readAllLines(file).get(0).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L).longValue()
                      == started);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not a record of ours, or half written: nothing to stop
    }
  }

  private static String trialOf(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.size() > 1 ? lines.get(1) : "?";
    } catch (IOException e) {
      return "?";
    }
  }
}
