package org.hpofarm.master.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.hpofarm.master.core.Direction;
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
                + " \"executor\": {\"kind\": \"command\", \"command\": \"true\"}}");
    assertEquals("calo", s.name());
    assertEquals(List.of(Direction.MAXIMIZE), s.directions());
    assertEquals(7, s.sampler().seed());
    assertEquals("none", s.pruner().type());
    assertEquals(200, s.maxTrials());
    assertEquals(StudySpec.DEFAULT_HEARTBEAT_SECONDS, s.heartbeatSeconds());
    assertEquals("command", s.executor().get("kind").asText());
    assertEquals(s, StudySpec.fromJson(s.toJson()));
  }

  @Test
  void aDjlExecutorIsCheckedAgainstTheModelCatalogue() throws Exception {
    String lr = "{\"lr\": {\"type\": \"float\", \"low\": 1e-4, \"high\": 1e-2, \"log\": true}}";
    StudySpec s =
        parse(
            "{\"name\": \"calo\", \"space\": "
                + lr
                + ", \"executor\": {\"kind\": \"djl\", \"model\": \"calo.vae\","
                + " \"geometry\": \"small\", \"epochs\": 8, \"showers\": 4000}}");
    assertEquals("calo.vae", s.executor().get("model").asText());
    for (String[] bad :
        new String[][] {
          {SPACE, "{\"kind\": \"djl\"}", "space.x: not a hyperparameter of calo.vae"},
          {lr, "{\"kind\": \"djl\", \"model\": \"calo.nope\"}", "executor.model"},
          {lr, "{\"kind\": \"djl\", \"geometry\": \"ds9\"}", "executor.geometry"},
          {lr, "{\"kind\": \"djl\", \"epochs\": 0}", "executor.epochs"},
          {lr, "{\"kind\": \"djl\", \"showers\": \"many\"}", "executor.showers"},
          {lr, "{\"kind\": \"djl\", \"epoch\": 3}", "executor.epoch: unknown field"},
        }) {
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () ->
                  parse(
                      "{\"name\": \"c\", \"space\": "
                          + bad[0]
                          + ", \"executor\": "
                          + bad[1]
                          + "}"));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(bad[2]), e::getMessage);
    }
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
