package org.hpofarm.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hpofarm.sim.bench.PythonAnchor;

/**
 * The anchor of {@code farm bench http}: Optuna 3.1 on SQLite storage, as stored figures bundled
 * beside this class and as a live run of the bundled script ({@code optuna_sqlite_pairs.py}) in the
 * same run.
 */
final class OptunaSqlite {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Optuna 3.1's own SQLite latency figures, a resource beside this class. */
  private static final String LATENCY_FIGURES = "optuna-3.1-latency.jsonl";

  private static final PythonAnchor PYTHON =
      new PythonAnchor(Path.of("/usr/bin/python3"), "optuna", "python3-optuna");

  private OptunaSqlite() {}

  /** Why Optuna cannot run here, if it cannot. */
  static Optional<String> unavailable() {
    return PYTHON.unavailable();
  }

  /**
   * Optuna 3.1's SQLite ask+tell p99 by "sampler/history", from the figures bundled beside this
   * class ({@code optuna-3.1-latency.jsonl}: Optuna's own loop, 8 floats, measured on a 2-core
   * machine of the kind the project builds on).
   */
  static Map<String, JsonNode> storedLatency() throws IOException {
    Map<String, JsonNode> out = new HashMap<>();
    try (InputStream in = OptunaSqlite.class.getResourceAsStream(LATENCY_FIGURES)) {
      if (in == null) {
        throw new IOException("resource " + LATENCY_FIGURES + " missing from the class path");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode j = JSON.readTree(line);
          if (j.get("storage").asText().equals("sqlite")) {
            out.put(j.get("sampler").asText() + "/" + j.get("history").asInt(), j.get("ms_p99"));
          }
        }
      }
    }
    return out;
  }

  /**
   * Runs the bundled script for {@code trials} trials per sampler; its JSON lines go to {@code out}
   * as they come (other lines wrapped as notes). Returns whether it succeeded.
   */
  static boolean run(int trials, List<String> samplers, PrintWriter out) throws Exception {
    Path script = PythonAnchor.script(OptunaSqlite.class, "optuna_sqlite_pairs.py");
    List<String> cmd =
        new ArrayList<>(
            List.of(PYTHON.python().toString(), script.toString(), Integer.toString(trials)));
    cmd.addAll(samplers);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.println(
            line.startsWith("{")
                ? line
                : "{\"bench\": \"http\", \"system\": \"optuna\", \"note\": "
                    + JSON.writeValueAsString(line)
                    + "}");
      }
    }
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      return false;
    }
    return true;
  }
}
