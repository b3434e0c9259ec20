package org.hpofarm.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An Optuna script that prints the reference script's output lines ({@code optuna_ref.py} of the
 * anchors directory for the five functions, or the bundled {@code optuna_heldout.py} for the
 * held-out ones), run as a child process with a given Python interpreter, its lines read back as
 * {@link QualityResult}s.
 */
public final class OptunaReference {

  /** The reference script's file name inside the anchors directory. */
  public static final String SCRIPT = "optuna_ref.py";

  /** The bundled script for the held-out functions (a resource beside this class). */
  public static final String HELD_OUT_SCRIPT = "optuna_heldout.py";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path python;
  private final Path script;

  /** Runs {@code script} with {@code python}. */
  public OptunaReference(Path python, Path script) {
    this.python = python;
    this.script = script;
  }

  /** The reference script of the anchors directory {@code anchors}. */
  public static OptunaReference anchors(Path python, Path anchors) {
    return new OptunaReference(python, anchors.resolve(SCRIPT));
  }

  /** The bundled held-out script, copied to a temporary file deleted when the JVM exits. */
  public static OptunaReference heldOut(Path python) throws IOException {
    Path file = Files.createTempFile("optuna_heldout", ".py");
    file.toFile().deleteOnExit();
    try (InputStream in = OptunaReference.class.getResourceAsStream(HELD_OUT_SCRIPT)) {
      if (in == null) {
        throw new IOException("resource " + HELD_OUT_SCRIPT + " missing from the class path");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return new OptunaReference(python, file);
  }

  /** True when the interpreter exists and imports Optuna, and the script is there. */
  public boolean available() {
    if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(python.toString(), "-c", "import optuna")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Why {@link #available()} is false, for a message. */
  public String unavailableReason() {
    if (!Files.isRegularFile(script)) {
      return "no reference script at " + script;
    }
    return python + " cannot import optuna (apt-get install -y python3-optuna python3-cmaes)";
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
            python.toString(),
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
