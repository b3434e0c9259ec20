package org.hpofarm.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.hpofarm.bench.BenchCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Smoke test of {@code farm bench http}: a short run against a master in this JVM (real HTTP on
 * loopback, H2 on disk) prints a warm-up line, one line per sampler with every pair told, and the
 * sequential run's first mark per sampler.
 */
class HttpLoadCommandTest {

  @Test
  void aShortRunPrintsTheWarmUpAndOneLinePerSampler() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "http",
            "--warmup",
            "100",
            "--pairs",
            "300",
            "--clients",
            "4",
            "--samplers",
            "random,tpe",
            "--latency-trials",
            "100",
            "--optuna-trials",
            "0");
    assertEquals(0, code, out.toString());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertEquals(5, lines.size(), out.toString());
    assertEquals(100, lines.get(0).get("warmup_pairs").asInt(), "--warmup bounds the warm-up");
    for (int i = 1; i < 3; i++) {
      JsonNode run = lines.get(i);
      assertEquals(i == 1 ? "random" : "tpe", run.get("sampler").asText());
      assertEquals("h2", run.get("storage").asText());
      assertEquals(300, run.get("history").asInt());
      assertTrue(run.get("pairs_per_s").asDouble() > 0);
      assertTrue(
          run.get("ask_ms_p50").asDouble() <= run.get("ask_ms_p99").asDouble(), run.toString());
      assertTrue(run.get("ask_ms_p99_first_1000").asDouble() > 0);
      JsonNode sequential = lines.get(i + 2);
      assertEquals("sequential", sequential.get("mode").asText());
      assertEquals(run.get("sampler"), sequential.get("sampler"));
      assertEquals(100, sequential.get("history").asInt(), "the anchor's first mark");
      assertTrue(
          sequential.get("ms_median").asDouble() <= sequential.get("ms_p99").asDouble(),
          sequential.toString());
    }
  }
}
