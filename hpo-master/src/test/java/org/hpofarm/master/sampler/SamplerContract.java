package org.hpofarm.master.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

/**
 * The contract every sampler keeps; each sampler's test implements this interface and inherits its
 * tests.
 */
public interface SamplerContract {

  /** A fresh sampler under test, configured with {@code seed}. */
  Sampler sampler(long seed);

  /** Trials to run in the loop tests; samplers with a costly ask may lower it. */
  default int loopTrials() {
    return 40;
  }

  SearchSpace MIXED =
      SearchSpace.of(
          new Parameter("x", FloatRange.of(-5, 10)),
          new Parameter("lr", FloatRange.logOf(1e-5, 1e-1)),
          new Parameter("dropout", new FloatRange(0, 0.5, false, 0.05)),
          new Parameter("layers", IntRange.of(1, 6)),
          new Parameter("width", new IntRange(16, 512, true, 1)),
          new Parameter("batch", new IntRange(32, 256, false, 32)),
          new Parameter("act", Categorical.of("relu", "gelu", "silu")));

  SearchSpace CONDITIONAL =
      SearchSpace.of(
          new Parameter("model", Categorical.of("vae", "gan")),
          new Parameter("x", FloatRange.of(0, 1)),
          new Parameter("beta", FloatRange.logOf(1e-3, 1), Map.of("model", List.of("vae"))),
          new Parameter("critic", IntRange.of(1, 5), Map.of("model", List.of("gan"))));

  /** A smooth test objective over any space, in unit coordinates, minimum inside. */
  static double objective(SearchSpace space, Map<String, Object> params) {
    double s = 0;
    for (Parameter p : space.parameters()) {
      Object v = params.get(p.name());
      if (v != null) {
        double u = p.distribution().toUnit(v) - 0.3;
        s += u * u;
      }
    }
    return s;
  }

  /** Runs {@code n} sequential ask/tell rounds and returns the history. */
  static History loop(Sampler sampler, SearchSpace space, long seed, int n) {
    History h = History.empty(Direction.MINIMIZE);
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = sampler.sample(space, h, new TrialSeed(seed, i));
      Trial t = Trial.running(i, p, "w", Instant.EPOCH);
      h = h.with(t.complete(List.of(objective(space, p)), Instant.EPOCH));
    }
    return h;
  }

  static void assertValid(SearchSpace space, Map<String, Object> params) {
    Map<String, Object> canonical = space.validatePoint(params);
    assertEquals(canonical, params, "params must be canonical values of the space");
    for (var e : params.entrySet()) {
      Object v = e.getValue();
      var d = space.get(e.getKey()).distribution();
      switch (d) {
        case FloatRange r -> assertTrue(v instanceof Double, e.getKey() + " must be a Double");
        case IntRange r -> assertTrue(v instanceof Long, e.getKey() + " must be a Long");
        case Categorical c -> assertTrue(c.choices().contains(v));
      }
    }
  }

  @Test
  default void proposesValidPointsOnAnEmptyHistory() {
    Map<String, Object> p =
        sampler(1).sample(MIXED, History.empty(Direction.MINIMIZE), new TrialSeed(1, 0));
    assertValid(MIXED, p);
  }

  @Test
  default void staysInsideBoundsWithTheRightTypesOverALoop() {
    History h = loop(sampler(3), MIXED, 3, loopTrials());
    for (Trial t : h.trials()) {
      assertValid(MIXED, t.params());
    }
  }

  @Test
  default void respectsConditionalPresence() {
    History h = loop(sampler(5), CONDITIONAL, 5, loopTrials());
    for (Trial t : h.trials()) {
      assertValid(CONDITIONAL, t.params());
      boolean vae = "vae".equals(t.params().get("model"));
      assertEquals(vae, t.params().containsKey("beta"));
      assertEquals(!vae, t.params().containsKey("critic"));
    }
  }

  @Test
  default void isReproducibleFromTheSeed() {
    History a = loop(sampler(11), MIXED, 11, Math.min(loopTrials(), 25));
    History b = loop(sampler(11), MIXED, 11, Math.min(loopTrials(), 25));
    for (int i = 0; i < a.trials().size(); i++) {
      assertEquals(a.trials().get(i).params(), b.trials().get(i).params(), "trial " + i);
    }
  }

  @Test
  default void proposesDistinctPointsWhileTrialsArePending() {
    for (int warm : new int[] {0, 20}) {
      History h = loop(sampler(7), MIXED, 7, warm);
      Sampler s = sampler(7);
      Set<Map<String, Object>> seen = new HashSet<>();
      List<Map<String, Object>> pending = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int number = warm + i;
        Map<String, Object> p = s.sample(MIXED, h, new TrialSeed(7, number));
        assertValid(MIXED, p);
        assertTrue(seen.add(p), "proposal " + i + " after " + warm + " repeats a pending one");
        pending.add(p);
        h = h.with(Trial.running(number, p, "w" + i, Instant.EPOCH));
      }
      assertEquals(8, h.pending().size());
      assertNotEquals(pending.get(0), pending.get(1));
    }
  }
}
