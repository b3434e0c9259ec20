package org.hpofarm.worker.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tell body: what an agent writes is what the master reads, and a bad field is named. */
class OutcomeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyOutcomeReadsBackAsWritten() {
    for (Outcome o :
        List.of(
            new Outcome.Values(List.of(0.37)),
            new Outcome.Values(List.of(0.37, 12.0)),
            new Outcome.Failed("out of memory"),
            new Outcome.Pruned(),
            new Outcome.Preempted(),
            new Outcome.Lost("worker group: rank 1: exit status 3"))) {
      assertEquals(o, Outcome.fromJson(o.toJson()));
    }
  }

  @Test
  void readsWhatClientsWrite() throws Exception {
    assertEquals(new Outcome.Values(List.of(0.5)), read("{\"value\": 0.5}"));
    assertEquals(new Outcome.Values(List.of(1.0, 2.0)), read("{\"values\": [1, 2]}"));
    assertEquals(
        new Outcome.Values(List.of(0.5)), read("{\"state\": \"COMPLETE\", \"value\": 0.5}"));
    assertEquals(new Outcome.Failed(null), read("{\"state\": \"fail\"}"));
  }

  @Test
  void aBadFieldIsNamed() {
    assertRefused("value", "{}");
    assertRefused("value", "{\"value\": \"0.5\"}");
    assertRefused("values", "{\"values\": []}");
    assertRefused("values[1]", "{\"values\": [1, \"x\"]}");
    assertRefused("state", "{\"state\": \"exploded\"}");
    assertRefused("state", "{\"state\": 3}");
    assertRefused("error", "{\"state\": \"failed\", \"error\": {}}");
  }

  private static Outcome read(String json) throws Exception {
    return Outcome.fromJson(JSON.readTree(json));
  }

  private static void assertRefused(String field, String json) {
    var e = assertThrows(IllegalArgumentException.class, () -> read(json), json);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }
}
