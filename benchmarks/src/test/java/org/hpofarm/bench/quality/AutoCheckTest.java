package org.hpofarm.bench.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoCheckTest {

  private static QualityResult r(String func, String sampler, double regret) {
    return new QualityResult(func, sampler, 1, 100, 10, regret, regret, regret, 1.0);
  }

  @Test
  void comparesAutoWithTheBestOtherSamplerAndRanksIt() {
    List<AutoCheck> checks =
        AutoCheck.of(
            List.of(
                r("branin", "tpe", 0.2),
                r("branin", "gp", 0.1),
                r("branin", "auto", 0.15),
                r("ackley5", "tpe", 4.0),
                r("ackley5", "auto", 2.0)));
    AutoCheck branin = checks.get(0);
    assertEquals("gp", branin.bestOtherSampler());
    assertEquals(1.5, branin.ratio(), 1e-12);
    assertEquals(2, branin.rank());
    assertEquals(3, branin.samplers());
    assertFalse(branin.atLeastAsGood());
    AutoCheck ackley = checks.get(1);
    assertEquals(1, ackley.rank());
    assertTrue(ackley.atLeastAsGood());
    assertEquals("auto_check", ackley.toJson().get("kind").asText());
  }

  @Test
  void noCheckWithoutAutoOrWithoutAnotherSampler() {
    assertTrue(AutoCheck.of(List.of(r("branin", "tpe", 1), r("ackley5", "auto", 1))).isEmpty());
  }
}
