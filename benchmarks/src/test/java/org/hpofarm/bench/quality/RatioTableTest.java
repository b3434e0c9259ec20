package org.hpofarm.bench.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatioTableTest {

  private static QualityResult r(String func, String sampler, double regret) {
    return new QualityResult(func, sampler, 8, 100, 10, regret, regret / 2, regret * 2, 1.0);
  }

  @Test
  void dividesTheBestFarmAndAutoRegretsByTheBestOptunaRegret() {
    List<QualityResult> farm =
        List.of(r("branin", "tpe", 0.02), r("branin", "gp", 0.01), r("branin", "auto", 0.04));
    List<QualityResult> optuna = List.of(r("branin", "tpe_cl", 0.05), r("branin", "random", 0.2));
    RatioTable table = RatioTable.of(farm, optuna);
    Ratio row = table.rows().get(0);
    assertEquals("gp", row.bestFarmSampler());
    assertEquals("tpe_cl", row.bestOptunaSampler());
    assertEquals(0.2, row.ratioBest(), 1e-12);
    assertEquals(0.8, row.ratioAuto(), 1e-12);
    assertEquals(1, table.bestAtMost(0.5));
    assertEquals(0, table.autoAtMost(0.5));
    assertEquals(1, table.autoAtMost(1.0));
  }

  @Test
  void functionsMissingOnEitherSideAreLeftOut() {
    RatioTable table =
        RatioTable.of(
            List.of(r("branin", "random", 1), r("ackley5", "random", 1)),
            List.of(r("ackley5", "random", 2)));
    assertEquals(List.of("ackley5"), table.rows().stream().map(Ratio::func).toList());
  }

  @Test
  void withoutAutoItsRatioIsNullInJson() {
    RatioTable table =
        RatioTable.of(List.of(r("branin", "random", 1)), List.of(r("branin", "tpe", 2)));
    var json = table.rows().get(0).toJson();
    assertEquals("ratio", json.get("kind").asText());
    assertTrue(json.get("ratio_auto").isNull());
    assertEquals(0.5, json.get("ratio_best").asDouble(), 1e-12);
    assertTrue(table.render().contains("branin"));
  }

  @Test
  void aZeroOptunaRegretGivesNoRatio() {
    RatioTable table =
        RatioTable.of(List.of(r("branin", "random", 1)), List.of(r("branin", "tpe", 0)));
    assertTrue(Double.isNaN(table.rows().get(0).ratioBest()));
    assertEquals(0, table.bestAtMost(1.0));
  }
}
