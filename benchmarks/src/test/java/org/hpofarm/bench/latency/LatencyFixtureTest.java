package org.hpofarm.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

class LatencyFixtureTest {

  @Test
  void historyHoldsTheRequestedCompletedTrialsInsideTheSpace() {
    var space = LatencyFixture.space(8);
    History h = LatencyFixture.history(space, 100, 42);
    assertEquals(100, h.completed().size());
    for (Trial t : h.trials()) {
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals(t.params(), space.validatePoint(t.params()));
      assertEquals(LatencyFixture.objective(space, t.params()), t.value());
    }
  }

  @Test
  void sameSeedSameHistory() {
    var space = LatencyFixture.space(3);
    assertEquals(LatencyFixture.history(space, 20, 1), LatencyFixture.history(space, 20, 1));
  }

  @Test
  void objectiveIsSmallestAtItsCentre() {
    var space = LatencyFixture.space(2);
    var centre = java.util.Map.<String, Object>of("x0", 0.3, "x1", 0.3);
    var off = java.util.Map.<String, Object>of("x0", 0.9, "x1", 0.1);
    assertEquals(0.0, LatencyFixture.objective(space, centre), 1e-12);
    assertTrue(LatencyFixture.objective(space, off) > 0.1);
  }

  @Test
  void badSizesNameTheirField() {
    var e = assertThrows(IllegalArgumentException.class, () -> LatencyFixture.space(0));
    assertTrue(e.getMessage().startsWith("dims:"));
  }
}
