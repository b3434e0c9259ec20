package org.hpofarm.master.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrialJsonTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");

  private static Trial sample() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("lr", 3.0e-4);
    params.put("layers", 4L);
    params.put("activation", "gelu");
    params.put("ratio", 0.1 + 0.2);
    TreeMap<Integer, Double> inter = new TreeMap<>(Map.of(0, 1.5, 10, 0.25, 2, -1e-12));
    return new Trial(
        7,
        TrialState.COMPLETE,
        params,
        List.of(0.125),
        inter,
        "node-3/slice-\"2\"",
        T0,
        T0.plusSeconds(1),
        T0.plusSeconds(61),
        null,
        1,
        null);
  }

  @Test
  void encodeWritesTheSameTextAsTheTree() {
    for (Trial t :
        List.of(
            sample(),
            Trial.running(0, Map.of("x", 0.5), null, T0),
            Trial.waiting(3, Map.of("c", "a"), 2, T0),
            Trial.running(5, Map.of("x", 0.5), "w", T0).report(3, 0.5).fail("lost", T0),
            new Trial(
                1,
                TrialState.COMPLETE,
                Map.of("x", 1L),
                List.of(1.0, Double.POSITIVE_INFINITY),
                new TreeMap<>(),
                "w",
                T0,
                T0,
                T0,
                null,
                0,
                null),
            Trial.running(6, Map.of("x", 0.5), "w", T0).fail("lost", T0).requeue(9, 1, T0))) {
      assertEquals(TrialJson.toJson(t).toString(), TrialJson.encode(t));
    }
  }

  @Test
  void decodeGivesBackAnEqualTrial() {
    Trial t = sample();
    assertEquals(t, TrialJson.decode(TrialJson.encode(t)));
  }

  @Test
  void anInfiniteValueSurvivesTheRoundTrip() {
    Trial t =
        Trial.running(2, Map.of("x", 0.5), "w", T0)
            .complete(List.of(Double.POSITIVE_INFINITY), T0.plusSeconds(1));
    assertEquals(t, TrialJson.decode(TrialJson.encode(t)));
  }
}
