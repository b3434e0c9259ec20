package org.hpofarm.master.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudySpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static StudySpec parse(String json) throws Exception {
    return StudySpec.fromJson(JSON.readTree(json));
  }

  static final String SPACE = "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}";

  @Test
  void parsesTheContractExampleAndDefaults() throws Exception {
    StudySpec s =
        parse(
            "{\"name\": \"calo\", \"direction\": \"maximize\", \"space\": "
                + SPACE
                + ", \"sampler\": {\"type\": \"random\", \"seed\": 7}, \"maxTrials\": 200,"
                + " \"executor\": {\"kind\": \"djl\", \"model\": \"calo.vae\"}}");
    assertEquals("calo", s.name());
    assertEquals(List.of(Direction.MAXIMIZE), s.directions());
    assertEquals(7, s.sampler().seed());
    assertEquals("none", s.pruner().type());
    assertEquals(200, s.maxTrials());
    assertEquals(StudySpec.DEFAULT_HEARTBEAT_SECONDS, s.heartbeatSeconds());
    assertEquals("djl", s.executor().get("kind").asText());
    assertEquals(s, StudySpec.fromJson(s.toJson()));
  }

  @Test
  void aSamplerWithoutASeedTakesANewOneAndKeepsAGivenOne() throws Exception {
    String body = "{\"name\": \"s\", \"space\": " + SPACE + ", \"sampler\": %s}";
    for (String sampler : List.of("null", "\"tpe\"", "{\"type\": \"tpe\"}")) {
      StudySpec s = StudySpec.fromJson(JSON.readTree(body.formatted(sampler)), () -> 42);
      assertEquals(42, s.sampler().seed(), sampler);
      assertEquals(
          42, StudySpec.fromJson(s.toJson(), () -> 7).sampler().seed(), "kept in its JSON");
    }
    String seeded = body.formatted("{\"type\": \"tpe\", \"seed\": 3}");
    assertEquals(3, StudySpec.fromJson(JSON.readTree(seeded), () -> 42).sampler().seed());
    long a = parse(body.formatted("null")).sampler().seed();
    long b = parse(body.formatted("null")).sampler().seed();
    assertTrue(a != b, "random seeds: " + a + ", " + b);
  }

  @Test
  void severalDirections() throws Exception {
    StudySpec s =
        parse(
            "{\"name\": \"m\", \"directions\": [\"minimize\", \"maximize\"], \"space\": "
                + SPACE
                + "}");
    assertEquals(2, s.directions().size());
    assertNull(s.executor());
    assertEquals(s, StudySpec.fromJson(s.toJson()));
  }

  @Test
  void errorsNameTheField() {
    assertMessage("name:", "{\"space\": " + SPACE + "}");
    assertMessage(
        "direction:", "{\"name\": \"a\", \"direction\": \"up\", \"space\": " + SPACE + "}");
    assertMessage(
        "directions[1]:",
        "{\"name\": \"a\", \"directions\": [\"min\", 3], \"space\": " + SPACE + "}");
    assertMessage("space.", "{\"name\": \"a\", \"space\": {}}");
    assertMessage(
        "space.x",
        "{\"name\": \"a\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 2, \"high\": 1}}}");
    assertMessage(
        "sampler.type:",
        "{\"name\": \"a\", \"space\": " + SPACE + ", \"sampler\": {\"type\": \"magic\"}}");
    assertMessage(
        "sampler.bogus:",
        "{\"name\": \"a\", \"space\": "
            + SPACE
            + ", \"sampler\": {\"type\": \"random\", \"bogus\": 1}}");
    assertMessage(
        "sampler.seed:",
        "{\"name\": \"a\", \"space\": "
            + SPACE
            + ", \"sampler\": {\"type\": \"random\", \"seed\": \"x\"}}");
    assertMessage(
        "pruner.type:",
        "{\"name\": \"a\", \"space\": " + SPACE + ", \"pruner\": {\"type\": \"x\"}}");
    assertMessage("maxTrials:", "{\"name\": \"a\", \"space\": " + SPACE + ", \"maxTrials\": -1}");
    assertMessage("maxTrials:", "{\"name\": \"a\", \"space\": " + SPACE + ", \"maxTrials\": 1.5}");
    assertMessage(
        "heartbeatSeconds:",
        "{\"name\": \"a\", \"space\": " + SPACE + ", \"heartbeatSeconds\": 0}");
    assertMessage("maxRetries:", "{\"name\": \"a\", \"space\": " + SPACE + ", \"maxRetries\": -2}");
    assertMessage(
        "executor.kind:",
        "{\"name\": \"a\", \"space\": " + SPACE + ", \"executor\": {\"kind\": \"ssh\"}}");
    assertMessage("colour:", "{\"name\": \"a\", \"space\": " + SPACE + ", \"colour\": 1}");
    assertMessage("body:", "[1]");
  }

  private static void assertMessage(String prefix, String json) {
    var e = assertThrows(IllegalArgumentException.class, () -> parse(json));
    assertTrue(
        e.getMessage().startsWith(prefix), () -> e.getMessage() + " should start with " + prefix);
  }
}
