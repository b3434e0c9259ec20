package org.hpofarm.master.farm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.hpofarm.master.study.Outcome;

/**
 * The trial runners the master can use, by executor kind: those found on the class path with {@link
 * ServiceLoader}, then the built-in {@link CommandRunner} for {@code command} unless one was found
 * for it.
 */
public final class TrialRunners {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrialRunners.class);

  private final Map<String, TrialRunner> byKind = new LinkedHashMap<>();

  public TrialRunners(List<TrialRunner> runners) {
    for (TrialRunner r : runners) {
      byKind.putIfAbsent(r.kind(), r);
    }
  }

  /** The runners on the class path, and the command runner. */
  public static TrialRunners discover() {
    List<TrialRunner> found =
        new java.util.ArrayList<>(
            ServiceLoader.load(TrialRunner.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    found.add(new CommandRunner());
    return new TrialRunners(found);
  }

  public Optional<TrialRunner> forKind(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The kinds that can run. */
  public java.util.Set<String> kinds() {
    return java.util.Collections.unmodifiableSet(byKind.keySet());
  }

  /**
   * Runs an assignment with the runner of its kind; without one the trial fails, saying which
   * module brings the runner.
   */
  public Outcome run(Assignment assignment, TrialReporter reporter) throws InterruptedException {
    Optional<TrialRunner> runner = forKind(assignment.kind());
    if (runner.isEmpty()) {
      return new Outcome.Failed(missing(assignment.kind()));
    }
    return runner.get().run(assignment, reporter);
  }

  private String missing(String kind) {
    String module =
        kind.equals("djl")
            ? " (the djl runner comes with the hpo-worker module, which trains the simulators'"
                + " models: put hpo-worker on the master's class path, or run a node agent)"
            : "";
    return "executor.kind "
        + kind
        + ": no TrialRunner for '"
        + kind
        + "' on the class path"
        + module
        + "; runners here: "
        + byKind.keySet();
  }
}
