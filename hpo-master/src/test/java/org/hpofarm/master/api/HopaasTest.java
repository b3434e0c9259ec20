package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.hpofarm.master.pruner.Pruners;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replays the requests of the Hopaas Python client: JSON text sent as a raw body without a content
 * type, the token in the path, {@code hopaas_trial} as "study:trial", a repeated should_prune.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HopaasTest {
  private final ManualClock clock = new ManualClock();
  private MasterFixture m;
  private String token;

  @BeforeAll
  void start() throws Exception {
    m = new MasterFixture(clock, MasterFixture.loopback());
    token =
        m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"hopaas-user\"}")
            .json()
            .get("token")
            .asText();
  }

  @AfterAll
  void stop() {
    m.close();
  }

  @BeforeEach
  void refill() {
    clock.advance(Duration.ofSeconds(5));
  }

  /** The body of the client's ask, as json.dumps writes it. */
  static String askBody(String title, String sampler, String pruner) {
    return "{\"lr\": \"optuna#loguniform(1e-05,0.1)\", \"dropout\": \"optuna#float(0.0,0.5)\","
        + " \"layers\": \"optuna#int(1,6,1,false)\", \"act\": \"optuna#categorical(relu,gelu,silu)\","
        + " \"u\": \"optuna#uniform(-1,1)\", \"epochs\": 12, \"node\": \"gpu07\","
        + " \"hopaas_config\": {\"title\": \""
        + title
        + "\", \"direction\": \"minimize\","
        + " \"sampler\": "
        + sampler
        + ", \"pruner\": "
        + pruner
        + "}}";
  }

  static final String RANDOM = "{\"name\": \"RandomSampler\", \"args\": {\"seed\": 3}}";
  static final String NOP = "{\"name\": \"NopPruner\", \"args\": {}}";

  private JsonNode ask(String title) {
    var a = m.post("/api/ask/" + token, null, askBody(title, RANDOM, NOP));
    assertEquals(200, a.status(), a.body());
    return a.json();
  }

  @Test
  void versionIsPlainText() {
    var a = m.get("/api/version", null);
    assertEquals(200, a.status());
    assertEquals(OpsRoutes.VERSION, a.body());
  }

  @Test
  void askReplacesSuggestionsAndKeepsFixedValues() {
    JsonNode p = ask("replace");
    double lr = p.get("lr").asDouble();
    assertTrue(lr >= 1e-5 && lr <= 0.1, p.toString());
    assertTrue(p.get("layers").isIntegralNumber());
    assertTrue(p.get("act").asText().matches("relu|gelu|silu"));
    assertEquals(12, p.get("epochs").asInt());
    assertEquals("gpu07", p.get("node").asText());
    assertTrue(p.get("hopaas_trial").asText().matches("h[0-9a-f]+:0"), p.toString());
  }

  @Test
  void theStudyIsFoundAgainByOwnerAndTitle() {
    String[] first = ask("again").get("hopaas_trial").asText().split(":");
    String[] second = ask("again").get("hopaas_trial").asText().split(":");
    assertEquals(first[0], second[0]);
    assertNotEquals(first[1], second[1]);
    String other =
        m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"someone-else\"}")
            .json()
            .get("token")
            .asText();
    var theirs = m.post("/api/ask/" + other, null, askBody("again", RANDOM, NOP)).json();
    assertNotEquals(first[0], theirs.get("hopaas_trial").asText().split(":")[0]);
    // the first user's trial, told by the other: not found, like a trial that does not exist
    var told =
        m.post(
            "/api/tell/" + other,
            null,
            "{\"hopaas_trial\": \"" + first[0] + ":" + first[1] + "\", \"loss\": 0.1}");
    assertEquals(404, told.status(), told.body());
    assertEquals(
        m.post("/api/tell/" + other, null, "{\"hopaas_trial\": \"nope:1\", \"loss\": 0.1}")
            .status(),
        told.status());
  }

  @Test
  void tellThenBestTrial() {
    String t1 = ask("best").get("hopaas_trial").asText();
    String t2 = ask("best").get("hopaas_trial").asText();
    assertEquals(
        200,
        m.post("/api/tell/" + token, null, "{\"hopaas_trial\": \"" + t1 + "\", \"loss\": 0.7}")
            .status());
    assertEquals(
        200,
        m.post("/api/tell/" + token, null, "{\"hopaas_trial\": \"" + t2 + "\", \"loss\": 0.2}")
            .status());
    String study = t1.split(":")[0];
    var best = m.get("/api/get_best_trial/" + token + "?hopaas_trial=" + study + ":0", null);
    assertEquals(200, best.status(), best.body());
    assertEquals(t2, best.json().asText());
    var conflict =
        m.post("/api/tell/" + token, null, "{\"hopaas_trial\": \"" + t1 + "\", \"loss\": 0.9}");
    assertEquals(409, conflict.status());
  }

  @Test
  void shouldPruneAnswersTextAndARepeatIsHarmless() {
    String t = ask("prune").get("hopaas_trial").asText();
    for (int step = 0; step < 3; step++) {
      var a =
          m.post(
              "/api/should_prune/" + token,
              null,
              "{\"hopaas_trial\": \"" + t + "\", \"loss\": 0.5, \"step\": " + step + "}");
      assertEquals(200, a.status(), a.body());
      assertEquals("false", a.body());
      var repeat =
          m.post(
              "/api/should_prune/" + token,
              null,
              "{\"hopaas_trial\": \"" + t + "\", \"loss\": 0.5, \"step\": " + step + "}");
      assertEquals("false", repeat.body());
    }
    // a diverged loss (json.dumps writes Infinity) is pruned, and recorded PRUNED
    String body = "{\"hopaas_trial\": \"" + t + "\", \"loss\": Infinity, \"step\": 3}";
    assertEquals("true", m.post("/api/should_prune/" + token, null, body).body());
    assertEquals("true", m.post("/api/should_prune/" + token, null, body).body(), "repeat");
    String[] ref = t.split(":");
    var trial = m.server.service().trial(ref[0], Integer.parseInt(ref[1]));
    assertEquals("PRUNED", trial.state().name());
    assertEquals(3, trial.intermediate().size());
  }

  @Test
  void markAsFailed() {
    String t = ask("fail").get("hopaas_trial").asText();
    var a =
        m.post(
            "/api/mark_as_failed/" + token,
            null,
            "{\"hopaas_trial\": \"" + t + "\", \"error\": \"Computation aborted\"}");
    assertEquals(200, a.status(), a.body());
    String[] ref = t.split(":");
    assertEquals(
        "Computation aborted", m.server.service().trial(ref[0], Integer.parseInt(ref[1])).error());
  }

  @Test
  void optunaNamesMapOrFailClearly() {
    String tpe =
        "{\"name\": \"TPESampler\", \"args\": {\"n_startup_trials\": 10, \"n_ei_candidates\": 24, \"consider_magic_clip\": true}}";
    var a = m.post("/api/ask/" + token, null, askBody("tpe", tpe, NOP));
    if (Samplers.TYPES.contains("tpe")) {
      assertEquals(200, a.status(), a.body());
    } else {
      assertEquals(400, a.status(), a.body());
      assertTrue(a.json().get("message").asText().contains("hopaas_config.sampler.name"));
    }
    String median =
        "{\"name\": \"MedianPruner\", \"args\": {\"n_startup_trials\": 5, \"n_warmup_steps\": 0, \"interval_steps\": 1, \"n_min_trials\": 1}}";
    var b = m.post("/api/ask/" + token, null, askBody("median", RANDOM, median));
    assertEquals(Pruners.TYPES.contains("median") ? 200 : 400, b.status(), b.body());
    var c =
        m.post(
            "/api/ask/" + token,
            null,
            askBody("magic", "{\"name\": \"MagicSampler\", \"args\": {}}", NOP));
    assertEquals(400, c.status());
  }

  @Test
  void badHopaasInput() {
    assertEquals(
        400,
        m.post(
                "/api/ask/" + token,
                null,
                "{\"x\": \"optuna#float(1)\", \"hopaas_config\": {\"title\": \"b\"}}")
            .status());
    assertEquals(400, m.post("/api/ask/" + token, null, "{\"x\": \"optuna#float(0,1)\"}").status());
    assertEquals(
        400,
        m.post("/api/tell/" + token, null, "{\"hopaas_trial\": \"nocolon\", \"loss\": 1}")
            .status());
    assertEquals(
        404,
        m.post("/api/tell/" + token, null, "{\"hopaas_trial\": \"hnothing:0\", \"loss\": 1}")
            .status());
    assertEquals(
        401,
        m.post("/api/tell/wrong", null, "{\"hopaas_trial\": \"hnothing:0\", \"loss\": 1}")
            .status());
    var e =
        m.post(
            "/api/ask/" + token,
            null,
            "{\"x\": \"optuna#int(5,1)\", \"hopaas_config\": {\"title\": \"bad\"}}");
    assertEquals(400, e.status());
    assertTrue(e.json().get("message").asText().contains("x"), e.body());
  }
}
