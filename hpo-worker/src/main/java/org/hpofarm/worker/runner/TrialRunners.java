package org.hpofarm.worker.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/** The trial runners an agent can use, by executor kind (the first one of a kind wins). */
public final class TrialRunners {

  private final Map<String, TrialRunner> byKind = new LinkedHashMap<>();

  public TrialRunners(List<TrialRunner> runners) {
    for (TrialRunner r : runners) {
      byKind.putIfAbsent(r.kind(), r);
    }
  }

  /**
   * The runners found on the class path with {@link ServiceLoader}, then the built-in command and
   * DJL runners; the DJL runner checkpoints under {@code checkpoints} (null: a fresh temporary
   * directory per trial), and both record their processes in {@code processes}.
   */
  public static TrialRunners standard(Path checkpoints, TrialProcesses processes) {
    List<TrialRunner> found =
        new ArrayList<>(
            ServiceLoader.load(TrialRunner.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    CommandRunner command = new CommandRunner(processes);
    found.add(command);
    found.add(new DjlRunner(command, checkpoints));
    return new TrialRunners(found);
  }

  /** These runners but the one of {@code kind}: an agent that must not run that kind at all. */
  public TrialRunners without(String kind) {
    return new TrialRunners(byKind.values().stream().filter(r -> !r.kind().equals(kind)).toList());
  }

  public Optional<TrialRunner> forKind(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The kinds that can run. */
  public Set<String> kinds() {
    return Collections.unmodifiableSet(byKind.keySet());
  }

  /** Runs an assignment with the runner of its kind; without one the trial fails, saying so. */
  public Outcome run(Assignment assignment, TrialReporter reporter) throws InterruptedException {
    Optional<TrialRunner> runner = forKind(assignment.kind());
    if (runner.isEmpty()) {
      return new Outcome.Failed(
          "executor.kind "
              + assignment.kind()
              + ": no runner for it on this agent; runners here: "
              + byKind.keySet());
    }
    return runner.get().run(assignment, reporter);
  }
}
