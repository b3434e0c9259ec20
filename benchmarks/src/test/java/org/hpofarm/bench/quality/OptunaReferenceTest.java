package org.hpofarm.bench.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hpofarm.bench.function.HeldOutFunctions;
import org.hpofarm.bench.function.TestFunction;
import org.hpofarm.bench.function.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptunaReferenceTest {

  @Test
  void matchingOptunaSamplersDependOnTrialsInFlight() {
    assertEquals(List.of("tpe_cl", "cmaes", "random"), OptunaReference.samplersFor(8));
    assertEquals(List.of("tpe", "tpe_mv", "cmaes", "random"), OptunaReference.samplersFor(1));
  }

  @Test
  void theBundledScriptDefinesEveryTestFunction() throws IOException {
    String script =
        new String(
            OptunaReference.class.getResourceAsStream(OptunaReference.SCRIPT).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    List<TestFunction> all = new java.util.ArrayList<>(TestFunctions.ALL);
    all.addAll(HeldOutFunctions.ALL);
    for (TestFunction f : all) {
      // in FUNCS ("name": function) and in OPT ("name": optimum)
      assertTrue(script.contains("\"" + f.name() + "\": " + f.name()), f.name());
      assertTrue(script.contains("if name == \"" + f.name() + "\""), f.name());
    }
  }

  @Test
  void readsStoredLinesWithoutParallelAsSequential(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("figures.jsonl");
    Files.writeString(
        file,
        """
        {"func": "branin", "sampler": "tpe", "trials": 100, "seeds": 10, \
        "regret_median": 0.016, "regret_q1": 0.008, "regret_q3": 0.032, "ms_per_trial": 3.2}

        """);
    QualityResult r = OptunaReference.read(file).get(0);
    assertEquals(1, r.parallel());
    assertEquals(0.016, r.regretMedian());
  }

  @Test
  void aMalformedStoredLineIsAnIoErrorNamingTheField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("figures.jsonl");
    Files.writeString(file, "{\"func\": \"branin\"}\n");
    IOException e = assertThrows(IOException.class, () -> OptunaReference.read(file));
    assertTrue(e.getMessage().contains("sampler: missing"), e::getMessage);
  }

  @Test
  void missingScriptIsUnavailable(@TempDir Path dir) {
    OptunaReference r = new OptunaReference(Path.of("/bin/sh"), dir.resolve("none.py"));
    assertTrue(r.unavailable().orElseThrow().contains("no reference script"));
  }
}
