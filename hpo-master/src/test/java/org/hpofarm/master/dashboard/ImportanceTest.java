package org.hpofarm.master.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

/** fANOVA-style importance on objectives whose main effects are known. */
class ImportanceTest {

  private static final SearchSpace SPACE =
      SearchSpace.fromJson(
          readTree(
              "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1},"
                  + " \"y\": {\"type\": \"float\", \"low\": 0, \"high\": 1},"
                  + " \"noise\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}"));

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Trial> trials(int n, double a, double b) {
    SplittableRandom rng = new SplittableRandom(1);
    List<Trial> out = new ArrayList<>();
    Instant now = Instant.parse("2026-12-05T00:00:00Z");
    for (int i = 0; i < n; i++) {
      double x = rng.nextDouble();
      double y = rng.nextDouble();
      double noise = rng.nextDouble();
      double value = a * x + b * y * y;
      out.add(
          Trial.running(i, Map.of("x", x, "y", y, "noise", noise), "w", now)
              .complete(List.of(value), now));
    }
    return out;
  }

  @Test
  void theMainEffectsShareFollowsTheObjective() {
    // variance of 4x over U(0,1): 16/12 = 1.33; of y^2: 4/45 = 0.09; noise: none
    Importance imp = Importance.of(SPACE, trials(400, 4, 1), 0, 7);
    assertEquals(400, imp.trials());
    assertEquals(3, imp.importances().size());
    double x = imp.importances().get(0).importance();
    double y = imp.importances().get(1).importance();
    double noise = imp.importances().get(2).importance();
    assertEquals(1.0, x + y + noise, 1e-9);
    assertTrue(x > 0.8, "x explains most of the variance: " + imp);
    assertTrue(y > noise, "y more than noise: " + imp);
    assertTrue(noise < 0.05, "noise explains next to nothing: " + imp);
  }

  @Test
  void tooFewCompleteTrialsGiveNoImportance() {
    assertTrue(
        Importance.of(SPACE, trials(Importance.MIN_TRIALS - 1, 1, 1), 0, 7)
            .importances()
            .isEmpty());
  }
}
