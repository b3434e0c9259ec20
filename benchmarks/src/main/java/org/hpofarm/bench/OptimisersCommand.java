package org.hpofarm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.hpofarm.bench.function.HeldOutFunctions;
import org.hpofarm.bench.function.TestFunction;
import org.hpofarm.bench.function.TestFunctions;
import org.hpofarm.bench.quality.AutoCheck;
import org.hpofarm.bench.quality.OptunaReference;
import org.hpofarm.bench.quality.QualityHarness;
import org.hpofarm.bench.quality.QualityResult;
import org.hpofarm.bench.quality.RatioTable;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerSpec;
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

  private final Function<SamplerSpec, Sampler> samplerFactory;

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
          "test functions (default: the reference script's five, branin,hartmann6,rosenbrock4,"
              + "ackley5,levy_mixed; held out: styblinski_tang8,conditional_mlp,grid_mix; "
              + "'held-out' names the three, 'all' all eight)")
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

  /** The command on the sampler registry. */
  OptimisersCommand() {
    this(Samplers::create);
  }

  /** The command making its samplers with {@code samplerFactory} (tests give fakes). */
  OptimisersCommand(Function<SamplerSpec, Sampler> samplerFactory) {
    this.samplerFactory = samplerFactory;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    requireAtLeastOne("trials", trials);
    requireAtLeastOne("seeds", seeds);
    requireAtLeastOne("parallel", parallel);
    if (withOptuna && compare != null) {
      throw new ParameterException(
          spec.commandLine(), "compare: give either --with-optuna or --compare, not both");
    }
    List<TestFunction> functions = functions();
    List<String> samplerTypes = samplerTypes();
    List<QualityResult> stored = compare == null ? List.of() : storedFigures(functions);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    QualityHarness harness = new QualityHarness(samplerFactory, System::nanoTime);
    List<QualityResult> farm = new ArrayList<>();
    int failures = 0;
    for (TestFunction f : functions) {
      for (String sampler : samplerTypes) {
        try {
          QualityResult r = harness.run(f, sampler, trials, seeds, parallel);
          farm.add(r);
          print(out, r.toJson("farm"));
        } catch (RuntimeException e) {
          // one broken sampler must not hide the others' figures
          failures++;
          print(out, errorLine(f.name(), sampler, e));
          err.printf("bench: %s on %s failed: %s%n", sampler, f.name(), e);
          err.flush();
        }
      }
    }
    int rc = failures == 0 ? 0 : 1;
    List<AutoCheck> autoChecks = AutoCheck.of(farm);
    autoChecks.forEach(c -> print(out, c.toJson()));
    if (!autoChecks.isEmpty()) {
      err.printf(
          "bench: auto at or below the best other farm sampler on %d of %d functions%n",
          autoChecks.stream().filter(AutoCheck::atLeastAsGood).count(), autoChecks.size());
      err.flush();
    }
    List<QualityResult> reference;
    String source;
    if (compare != null) {
      reference = stored;
      source = "Optuna figures of " + compare;
      if (reference.isEmpty()) {
        err.printf(
            "bench: %s holds no figures for %d trials, %d seeds, %d in flight%n",
            compare, trials, seeds, parallel);
        err.flush();
        return rc;
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
        return rc;
      }
      reference = run.get();
      source = "Optuna";
    } else {
      return rc;
    }
    RatioTable table = RatioTable.of(farm, reference);
    table.rows().forEach(r -> print(out, r.toJson()));
    print(out, table.summaryJson());
    err.printf(
        "%nregret median, farm vs %s (%d trials, %d seeds, %d in flight)%n%s",
        source, trials, seeds, parallel, table.render());
    err.flush();
    return rc;
  }

  private static ObjectNode errorLine(String func, String sampler, RuntimeException e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", "error");
    n.put("func", func);
    n.put("sampler", sampler);
    n.put("error", String.valueOf(e));
    return n;
  }

  /**
   * Runs Optuna on the same settings: the anchors' reference script for its five functions, the
   * bundled held-out script for the others. Empty when nothing could run here (the reasons are on
   * stderr).
   */
  private Optional<List<QualityResult>> runOptuna(
      List<TestFunction> functions, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    if (seeds < 2) {
      err.println("bench: skipping Optuna: its reference script needs --seeds 2 or more");
      err.flush();
      return Optional.empty();
    }
    List<String> five =
        functions.stream().map(TestFunction::name).filter(TestFunctions.names()::contains).toList();
    List<String> heldOut =
        functions.stream()
            .map(TestFunction::name)
            .filter(n -> !TestFunctions.names().contains(n))
            .toList();
    List<QualityResult> results = new ArrayList<>();
    boolean ran = false;
    if (!five.isEmpty()) {
      ran |=
          runScript(OptunaReference.anchors(python, anchorsDirectory()), five, results, out, err);
    }
    if (!heldOut.isEmpty()) {
      ran |= runScript(OptunaReference.heldOut(python), heldOut, results, out, err);
    }
    return ran ? Optional.of(results) : Optional.empty();
  }

  private boolean runScript(
      OptunaReference optuna,
      List<String> names,
      List<QualityResult> results,
      PrintWriter out,
      PrintWriter err)
      throws IOException, InterruptedException {
    if (!optuna.available()) {
      err.println("bench: skipping Optuna on " + names + ": " + optuna.unavailableReason());
      err.flush();
      return false;
    }
    results.addAll(
        optuna.run(
            names,
            OptunaReference.samplersFor(parallel),
            trials,
            seeds,
            parallel,
            r -> print(out, r.toJson("optuna"))));
    return true;
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
      if (funcs == null) {
        return TestFunctions.ALL;
      }
      List<String> names = new ArrayList<>();
      for (String name : funcs) {
        switch (name) {
          case "all" -> {
            names.addAll(TestFunctions.names());
            HeldOutFunctions.ALL.forEach(f -> names.add(f.name()));
          }
          case "held-out" -> HeldOutFunctions.ALL.forEach(f -> names.add(f.name()));
          default -> names.add(name);
        }
      }
      return TestFunctions.byNames(names);
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
