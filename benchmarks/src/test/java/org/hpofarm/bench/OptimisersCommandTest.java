package org.hpofarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpofarm.bench.function.HeldOutFunctions;
import org.hpofarm.bench.function.TestFunctions;
import org.hpofarm.bench.quality.OptunaReference;
import org.hpofarm.bench.quality.QualityResult;
import org.hpofarm.master.sampler.RandomSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests of {@code farm bench optimisers}: it runs, and its JSON lines have their shape. */
class OptimisersCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RESULT_FIELDS =
      Set.of(
          "kind",
          "func",
          "sampler",
          "parallel",
          "trials",
          "seeds",
          "regret_median",
          "regret_q1",
          "regret_q3",
          "ms_per_trial");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private List<JsonNode> lines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void printsOneResultLinePerFunctionAndSampler() throws IOException {
    int rc =
        run(
            "optimisers",
            "--funcs",
            "branin",
            "--seeds",
            "2",
            "--trials",
            "10",
            "--samplers",
            "random");
    assertEquals(0, rc, err::toString);
    List<JsonNode> lines = lines();
    assertEquals(1, lines.size());
    JsonNode line = lines.get(0);
    Set<String> fields = new java.util.HashSet<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertEquals(RESULT_FIELDS, fields);
    assertEquals("farm", line.get("kind").asText());
    assertEquals("branin", line.get("func").asText());
    assertEquals("random", line.get("sampler").asText());
    assertEquals(1, line.get("parallel").asInt());
    assertEquals(10, line.get("trials").asInt());
    assertEquals(2, line.get("seeds").asInt());
    double q1 = line.get("regret_q1").asDouble();
    double median = line.get("regret_median").asDouble();
    double q3 = line.get("regret_q3").asDouble();
    assertTrue(0 <= q1 && q1 <= median && median <= q3, line::toString);
    assertTrue(line.get("ms_per_trial").asDouble() >= 0);
  }

  @Test
  void aFailingSamplerGivesAnErrorLineAndTheOthersStillRun() throws IOException {
    AtomicInteger made = new AtomicInteger();
    CommandLine cli =
        new CommandLine(
            new OptimisersCommand(
                spec -> {
                  if (made.getAndIncrement() == 0) {
                    throw new IllegalStateException("broken first sampler");
                  }
                  return new RandomSampler();
                }));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int rc =
        cli.execute(
            "--funcs", "branin,ackley5", "--seeds", "2", "--trials", "5", "--samplers", "random");
    assertEquals(1, rc);
    List<JsonNode> lines = lines();
    assertEquals(
        List.of("error", "farm"), lines.stream().map(l -> l.get("kind").asText()).toList());
    assertEquals("branin", lines.get(0).get("func").asText());
    assertTrue(lines.get(0).get("error").asText().contains("broken first sampler"));
    assertEquals("ackley5", lines.get(1).get("func").asText());
    assertTrue(err.toString().contains("random on branin failed"), err::toString);
  }

  @Test
  void unknownFunctionOrSamplerIsAUsageError() {
    assertEquals(2, run("optimisers", "--funcs", "sphere"));
    assertTrue(err.toString().contains("funcs: unknown function 'sphere'"), err::toString);
    assertEquals(2, run("optimisers", "--samplers", "simplex", "--funcs", "branin"));
    assertTrue(err.toString().contains("samplers: unknown sampler 'simplex'"), err::toString);
    assertEquals(2, run("optimisers", "--trials", "0"));
  }

  @Test
  void withOptunaRunsTheReferenceScriptAndPrintsTheRatioTable(@TempDir Path dir)
      throws IOException {
    // A stand-in interpreter: "-c import optuna" succeeds; otherwise it runs the script given.
    Path python = dir.resolve("python");
    Files.writeString(
        python, "#!/bin/sh\nif [ \"$1\" = -c ]; then exit 0; fi\nexec /bin/sh \"$@\"\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    // A stand-in reference script that echoes its arguments' settings into two result lines.
    Files.writeString(
        dir.resolve("optuna_ref.py"),
        """
        echo "$@" > "$(dirname "$0")/args"
        for s in tpe_cl random; do
          echo "{\\"func\\": \\"branin\\", \\"sampler\\": \\"$s\\", \\"parallel\\": 2, \\"trials\\": 10,\
         \\"seeds\\": 2, \\"regret_median\\": 1000.0, \\"regret_q1\\": 900.0, \\"regret_q3\\": 1100.0,\
         \\"ms_per_trial\\": 0.1}"
        done
        """);
    int rc =
        run(
            "optimisers",
            "--funcs",
            "branin",
            "--seeds",
            "2",
            "--trials",
            "10",
            "--parallel",
            "2",
            "--samplers",
            "random",
            "--with-optuna",
            "--python",
            python.toString(),
            "--optuna-script",
            dir.resolve("optuna_ref.py").toString());
    assertEquals(0, rc, err::toString);
    assertEquals(
        "--trials 10 --seeds 2 --parallel 2 --funcs branin --samplers tpe_cl,cmaes,random",
        Files.readString(dir.resolve("args")).strip());
    List<JsonNode> lines = lines();
    assertEquals(
        List.of("farm", "optuna", "optuna", "ratio", "ratio_summary"),
        lines.stream().map(l -> l.get("kind").asText()).toList());
    JsonNode ratio = lines.get(3);
    assertEquals("tpe_cl", ratio.get("best_optuna_sampler").asText());
    assertEquals(
        lines.get(0).get("regret_median").asDouble() / 1000.0,
        ratio.get("ratio_best").asDouble(),
        1e-12);
    assertTrue(err.toString().contains("best/opt"), err::toString);
  }

  @Test
  void aFailingReferenceScriptIsReportedWithoutAStackTrace(@TempDir Path dir) throws IOException {
    Path python = dir.resolve("python");
    Files.writeString(
        python, "#!/bin/sh\nif [ \"$1\" = -c ]; then exit 0; fi\nexec /bin/sh \"$@\"\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(dir.resolve("optuna_ref.py"), "echo '{\"func\": \"branin\"}'\nexit 3\n");
    int rc =
        run(
            "optimisers",
            "--funcs",
            "branin",
            "--seeds",
            "2",
            "--trials",
            "3",
            "--samplers",
            "random",
            "--with-optuna",
            "--python",
            python.toString(),
            "--optuna-script",
            dir.resolve("optuna_ref.py").toString());
    assertEquals(1, rc, err::toString);
    assertTrue(err.toString().contains("the Optuna reference run failed"), err::toString);
    assertTrue(err.toString().contains("unexpected line"), err::toString);
  }

  @Test
  void compareReadsStoredFiguresOfTheSameSettings(@TempDir Path dir) throws IOException {
    Path figures = dir.resolve("figures.jsonl");
    Files.writeString(
        figures,
        """
        {"func": "branin", "sampler": "tpe", "trials": 10, "seeds": 2, "regret_median": 2.0,         "regret_q1": 1.0, "regret_q3": 3.0, "ms_per_trial": 1.0}
        {"func": "branin", "sampler": "cmaes", "trials": 100, "seeds": 2, "regret_median": 0.1,         "regret_q1": 0.1, "regret_q3": 0.1, "ms_per_trial": 1.0}
        {"func": "ackley5", "sampler": "tpe", "trials": 10, "seeds": 2, "regret_median": 0.1,         "regret_q1": 0.1, "regret_q3": 0.1, "ms_per_trial": 1.0}
        """);
    int rc =
        run(
            "optimisers",
            "--funcs",
            "branin",
            "--seeds",
            "2",
            "--trials",
            "10",
            "--samplers",
            "random",
            "--compare",
            figures.toString());
    assertEquals(0, rc, err::toString);
    List<JsonNode> lines = lines();
    assertEquals(
        List.of("farm", "optuna_figures", "ratio", "ratio_summary"),
        lines.stream().map(l -> l.get("kind").asText()).toList());
    assertEquals("tpe", lines.get(2).get("best_optuna_sampler").asText());
    assertEquals(
        lines.get(0).get("regret_median").asDouble() / 2.0,
        lines.get(2).get("ratio_best").asDouble(),
        1e-12);
  }

  @Test
  void aComparisonThatCannotBeMadeFailsBeforeRunningAndSaysWhy(@TempDir Path dir)
      throws IOException {
    String[] common = {"optimisers", "--funcs", "branin", "--trials", "3", "--samplers", "random"};
    int rc =
        run(
            concat(
                common,
                "--seeds",
                "2",
                "--with-optuna",
                "--python",
                dir.resolve("no-python").toString()));
    assertEquals(2, rc);
    assertTrue(err.toString().contains("with-optuna: no Python interpreter at"), err::toString);
    assertTrue(err.toString().contains("--compare benchmarks/figures/"), err::toString);
    assertEquals("", out.toString(), "nothing ran");

    assertEquals(2, run(concat(common, "--seeds", "1", "--with-optuna")));
    assertTrue(err.toString().contains("--seeds 2 or more"), err::toString);

    assertEquals(2, run(concat(common, "--compare", dir.resolve("none.jsonl").toString())));
    assertTrue(err.toString().contains("compare: no file"), err::toString);

    Path other = dir.resolve("other.jsonl");
    Files.writeString(
        other,
        "{\"func\": \"branin\", \"sampler\": \"tpe\", \"trials\": 100, \"seeds\": 10,"
            + " \"regret_median\": 2.0, \"regret_q1\": 1.0, \"regret_q3\": 3.0,"
            + " \"ms_per_trial\": 1.0}\n");
    assertEquals(2, run(concat(common, "--compare", other.toString())));
    assertTrue(err.toString().contains("hold no figures"), err::toString);
    assertEquals("", out.toString(), "nothing ran");
  }

  @Test
  void theStoredOptunaFiguresCoverEveryFunctionAtBothParallelisms() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    for (String mode : List.of("sequential", "parallel8")) {
      List<QualityResult> figures = new ArrayList<>();
      for (String set : List.of("", "heldout-")) {
        Path file = root.resolve("benchmarks/figures/optuna-3.1-" + set + mode + "-100x10.jsonl");
        figures.addAll(OptunaReference.read(file));
      }
      Set<String> funcs = new java.util.HashSet<>();
      figures.forEach(f -> funcs.add(f.func()));
      Set<String> all = new java.util.HashSet<>(TestFunctions.names());
      HeldOutFunctions.ALL.forEach(f -> all.add(f.name()));
      assertEquals(all, funcs, mode);
      assertTrue(figures.stream().allMatch(f -> f.trials() == 100 && f.seeds() == 10), mode);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
