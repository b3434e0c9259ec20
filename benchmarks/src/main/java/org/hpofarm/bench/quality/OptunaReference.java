package org.hpofarm.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hpofarm.sim.bench.PythonAnchor;

/**
 * An Optuna script that prints one result line per (function, sampler), run as a child process with
 * a given Python interpreter, its lines read back as {@link QualityResult}s: the bundled {@code
 * optuna_reference.py} (all eight test functions) or a script of the user's.
 */
public final class OptunaReference {

  /** The bundled script (a resource beside this class). */
  public static final String SCRIPT = "optuna_reference.py";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PythonAnchor python;
  private final Path script;

  /** Runs {@code script} with {@code python}. */
  public OptunaReference(Path python, Path script) {
    this.python = new PythonAnchor(python, "optuna", "python3-optuna python3-cmaes");
    this.script = script;
  }

  /** The bundled script, copied to a temporary file deleted when the JVM exits. */
  public static OptunaReference bundled(Path python) throws IOException {
    return new OptunaReference(python, PythonAnchor.script(OptunaReference.class, SCRIPT));
  }

  /** Why this script cannot run here (one line naming the fix), or empty when it can. */
  public Optional<String> unavailable() {
    if (!Files.isRegularFile(script)) {
      return Optional.of("no reference script at " + script);
    }
    return python.unavailable();
  }

  /**
   * The Optuna samplers that match a farm run: with trials in flight TPE with the constant liar
   * (the script's {@code tpe_cl}), sequentially plain and multivariate TPE; CMA-ES and random in
   * both cases.
   */
  public static List<String> samplersFor(int parallel) {
    return parallel > 1
        ? List.of("tpe_cl", "cmaes", "random")
        : List.of("tpe", "tpe_mv", "cmaes", "random");
  }

  /**
   * Runs the script and hands each result to {@code onResult} as it is printed; returns them all.
   * The script's standard error goes to this process's.
   */
  public List<QualityResult> run(
      List<String> funcs,
      List<String> samplers,
      int trials,
      int seeds,
      int parallel,
      Consumer<QualityResult> onResult)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            python.python().toString(),
            script.toString(),
            "--trials",
            Integer.toString(trials),
            "--seeds",
            Integer.toString(seeds),
            "--parallel",
            Integer.toString(parallel),
            "--funcs",
            String.join(",", funcs),
            "--samplers",
            String.join(",", samplers));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    // Optuna warns on every study that the constant liar is experimental: noise in a benchmark.
    builder.environment().put("PYTHONWARNINGS", "ignore");
    Process p = builder.start();
    List<QualityResult> results = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        QualityResult r = parse(line);
        results.add(r);
        onResult.accept(r);
      }
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IOException(script + " exited with status " + rc);
      }
    } finally {
      p.destroy();
    }
    return results;
  }

  /** The results stored in a file of the script's output lines (blank lines skipped). */
  public static List<QualityResult> read(Path file) throws IOException {
    List<QualityResult> results = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        try {
          results.add(QualityResult.fromJson(JSON.readTree(line)));
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ": unexpected line: " + e.getMessage(), e);
        }
      }
    }
    return results;
  }

  private QualityResult parse(String line) throws IOException {
    try {
      return QualityResult.fromJson(JSON.readTree(line));
    } catch (IllegalArgumentException e) {
      throw new IOException(script + " printed an unexpected line: " + e.getMessage(), e);
    }
  }
}
