package org.hpofarm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * {@code farm bench optimisers}: the regret of the farm's samplers on the test functions,
 * optionally beside Optuna 3.1 on the same settings (run here, or stored figures) with a ratio
 * table.
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
      description = "also run Optuna 3.1 on the same settings (needs python3-optuna)")
  boolean withOptuna;

  @Option(
      names = "--optuna-script",
      paramLabel = "FILE",
      description =
          "the Optuna script to run with --with-optuna (default: the bundled"
              + " optuna_reference.py, all eight functions)")
  Path optunaScript;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      defaultValue = "/usr/bin/python3",
      description = "interpreter with Optuna (${DEFAULT-VALUE})")
  Path python;

  @Option(
      names = "--compare",
      paramLabel = "FILE",
      split = ",",
      description =
          "compare with stored Optuna figures (JSON lines, e.g."
              + " benchmarks/figures/optuna-3.1-parallel8-100x10.jsonl) instead of running it;"
              + " only lines with the same trials, seeds and parallel are used")
  List<Path> compare;

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
    OptunaReference optuna = withOptuna ? optuna() : null;
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
      source = "Optuna figures of " + compare.stream().map(Path::toString).toList();
      reference.forEach(r -> print(out, r.toJson("optuna_figures")));
    } else if (optuna != null) {
      try {
        reference =
            optuna.run(
                functions.stream().map(TestFunction::name).toList(),
                OptunaReference.samplersFor(parallel),
                trials,
                seeds,
                parallel,
                r -> print(out, r.toJson("optuna")));
      } catch (IOException e) {
        err.println("bench: the Optuna reference run failed: " + e.getMessage());
        err.flush();
        return 1;
      }
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
   * The Optuna run that {@code --with-optuna} asks for, checked before the farm's run so that a
   * comparison that cannot be made fails at once.
   */
  private OptunaReference optuna() throws IOException {
    if (seeds < 2) {
      throw new ParameterException(
          spec.commandLine(),
          "with-optuna: Optuna's quartiles need --seeds 2 or more (got " + seeds + ")");
    }
    OptunaReference optuna =
        optunaScript == null
            ? OptunaReference.bundled(python)
            : new OptunaReference(python, optunaScript);
    optuna
        .unavailable()
        .ifPresent(
            why -> {
              throw new ParameterException(
                  spec.commandLine(),
                  "with-optuna: "
                      + why
                      + "; or compare with stored Optuna 3.1 figures: --compare"
                      + " benchmarks/figures/optuna-3.1-parallel8-100x10.jsonl");
            });
    return optuna;
  }

  /**
   * The lines of the --compare files for these functions, trials, seeds and parallelism; a missing
   * file, or files with none of them, is a usage error before anything runs.
   */
  private List<QualityResult> storedFigures(List<TestFunction> functions) {
    List<String> names = functions.stream().map(TestFunction::name).toList();
    List<QualityResult> figures = new ArrayList<>();
    for (Path file : compare) {
      if (!Files.isRegularFile(file)) {
        throw new ParameterException(
            spec.commandLine(),
            "compare: no file " + file + " (stored Optuna 3.1 figures are in benchmarks/figures/)");
      }
      try {
        OptunaReference.read(file).stream()
            .filter(r -> names.contains(r.func()))
            .filter(r -> r.trials() == trials && r.seeds() == seeds && r.parallel() == parallel)
            .forEach(figures::add);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "compare: " + e.getMessage());
      }
    }
    if (figures.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              "compare: %s hold no figures of %s for %d trials, %d seeds, %d in flight"
                  + " (the stored ones are for --trials 100 --seeds 10 --parallel 1 or 8)",
              compare, names, trials, seeds, parallel));
    }
    return figures;
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

  private static void print(PrintWriter out, ObjectNode line) {
    try {
      out.println(JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }
}
