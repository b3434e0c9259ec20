package org.hpofarm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hpofarm.bench.function.TestFunction;
import org.hpofarm.bench.function.TestFunctions;
import org.hpofarm.bench.quality.OptunaReference;
import org.hpofarm.bench.quality.QualityHarness;
import org.hpofarm.bench.quality.QualityResult;
import org.hpofarm.bench.quality.RatioTable;
import org.hpofarm.master.sampler.Samplers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code farm bench optimisers}: the regret of the farm's samplers on the five test functions of
 * the Optuna reference script, optionally with that script run side by side and a ratio table.
 */
@Command(
    name = "optimisers",
    mixinStandardHelpOptions = true,
    description = {
      "Runs each sampler on each test function for S seeds x N trials with Q trials in flight and"
          + " prints one JSON line per (func, sampler): median and quartiles of the regret, ms per"
          + " trial.",
      "With --with-optuna, also runs the Optuna reference script on the same settings and prints"
          + " the ratio table (JSON lines of kind ratio; a table on stderr)."
    })
final class OptimisersCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--trials",
      defaultValue = "100",
      description = "trials per study (${DEFAULT-VALUE})")
  int trials;

  @Option(
      names = "--seeds",
      paramLabel = "S",
      defaultValue = "10",
      description = "seeds 0..S-1 (${DEFAULT-VALUE})")
  int seeds;

  @Option(
      names = "--parallel",
      paramLabel = "Q",
      defaultValue = "1",
      description = "trials kept in flight, as asynchronous workers (${DEFAULT-VALUE})")
  int parallel;

  @Option(
      names = "--samplers",
      paramLabel = "TYPE",
      split = ",",
      description = "sampler types (default: every registered type but grid)")
  List<String> samplers;

  @Option(
      names = "--funcs",
      paramLabel = "FUNC",
      split = ",",
      description =
          "test functions (default: all of branin,hartmann6,rosenbrock4,ackley5,levy_mixed)")
  List<String> funcs;

  @Option(
      names = "--with-optuna",
      description = "also run the Optuna reference script when python has Optuna")
  boolean withOptuna;

  @Option(
      names = "--anchors",
      paramLabel = "DIR",
      description =
          "directory of optuna_ref.py (default: ../shared/anchors from the checkout root)")
  Path anchors;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      defaultValue = "/usr/bin/python3",
      description = "interpreter with Optuna (${DEFAULT-VALUE})")
  Path python;

  @Option(
      names = "--compare",
      paramLabel = "FILE",
      description =
          "compare with stored Optuna figures (JSON lines of the reference script) instead of"
              + " running it; only lines with the same trials, seeds and parallel are used")
  Path compare;

  @Override
  public Integer call() throws IOException, InterruptedException {
    requireAtLeastOne("trials", trials);
    requireAtLeastOne("seeds", seeds);
    requireAtLeastOne("parallel", parallel);
    List<TestFunction> functions = functions();
    List<String> samplerTypes = samplerTypes();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    QualityHarness harness = new QualityHarness(System::nanoTime);
    List<QualityResult> farm = new ArrayList<>();
    for (TestFunction f : functions) {
      for (String sampler : samplerTypes) {
        QualityResult r = harness.run(f, sampler, trials, seeds, parallel);
        farm.add(r);
        print(out, r.toJson("farm"));
      }
    }
    if (withOptuna && compare != null) {
      throw new ParameterException(
          spec.commandLine(), "compare: give either --with-optuna or --compare, not both");
    }
    List<QualityResult> reference;
    String source;
    if (compare != null) {
      reference = storedFigures(functions);
      source = "Optuna figures of " + compare;
      if (reference.isEmpty()) {
        err.printf(
            "bench: %s holds no figures for %d trials, %d seeds, %d in flight%n",
            compare, trials, seeds, parallel);
        err.flush();
        return 0;
      }
      reference.forEach(r -> print(out, r.toJson("optuna_figures")));
    } else if (withOptuna) {
      Optional<List<QualityResult>> run;
      try {
        run = runOptuna(functions, out, err);
      } catch (IOException e) {
        err.println("bench: the Optuna reference run failed: " + e.getMessage());
        err.flush();
        return 1;
      }
      if (run.isEmpty()) {
        return 0;
      }
      reference = run.get();
      source = "Optuna";
    } else {
      return 0;
    }
    RatioTable table = RatioTable.of(farm, reference);
    table.rows().forEach(r -> print(out, r.toJson()));
    print(out, table.summaryJson());
    err.printf(
        "%nregret median, farm vs %s (%d trials, %d seeds, %d in flight)%n%s",
        source, trials, seeds, parallel, table.render());
    err.flush();
    return 0;
  }

  /** Runs the reference script; empty when it cannot run here (the reason is on stderr). */
  private Optional<List<QualityResult>> runOptuna(
      List<TestFunction> functions, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    if (seeds < 2) {
      err.println("bench: skipping Optuna: its reference script needs --seeds 2 or more");
      err.flush();
      return Optional.empty();
    }
    OptunaReference optuna = new OptunaReference(python, anchorsDirectory());
    if (!optuna.available()) {
      err.println("bench: skipping Optuna: " + optuna.unavailableReason());
      err.flush();
      return Optional.empty();
    }
    return Optional.of(
        optuna.run(
            functions.stream().map(TestFunction::name).toList(),
            OptunaReference.samplersFor(parallel),
            trials,
            seeds,
            parallel,
            r -> print(out, r.toJson("optuna"))));
  }

  /** The lines of the --compare file for these functions, trials, seeds and parallelism. */
  private List<QualityResult> storedFigures(List<TestFunction> functions) {
    List<String> names = functions.stream().map(TestFunction::name).toList();
    try {
      return OptunaReference.read(compare).stream()
          .filter(r -> names.contains(r.func()))
          .filter(r -> r.trials() == trials && r.seeds() == seeds && r.parallel() == parallel)
          .toList();
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "compare: " + e.getMessage());
    }
  }

  private List<TestFunction> functions() {
    try {
      return funcs == null ? TestFunctions.ALL : TestFunctions.byNames(funcs);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private List<String> samplerTypes() {
    if (samplers == null) {
      return Samplers.TYPES.stream().filter(t -> !t.equals("grid")).toList();
    }
    for (String s : samplers) {
      if (!Samplers.TYPES.contains(s)) {
        throw new ParameterException(
            spec.commandLine(),
            "samplers: unknown sampler '" + s + "' (one of " + Samplers.TYPES + ")");
      }
    }
    return List.copyOf(samplers);
  }

  private void requireAtLeastOne(String option, int value) {
    if (value < 1) {
      throw new ParameterException(
          spec.commandLine(), option + ": must be at least 1 (got " + value + ")");
    }
  }

  private Path anchorsDirectory() {
    if (anchors != null) {
      return anchors;
    }
    return RepositoryRoot.find()
        .map(root -> root.resolve("../shared/anchors").normalize())
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "anchors: cannot find the checkout root; give --anchors DIR"));
  }

  private static void print(PrintWriter out, ObjectNode line) {
    try {
      out.println(JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }
}
