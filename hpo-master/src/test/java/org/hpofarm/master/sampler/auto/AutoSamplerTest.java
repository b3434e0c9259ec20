package org.hpofarm.master.sampler.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerContract;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class AutoSamplerTest implements SamplerContract {

  @Override
  public Sampler sampler(long seed) {
    return new AutoSampler();
  }

  @Override
  public int loopTrials() {
    return 25;
  }

  private static SearchSpace floats(int n) {
    List<Parameter> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ps.add(new Parameter("x" + i, FloatRange.of(0, 1)));
    }
    return new SearchSpace(ps);
  }

  private static History completed(SearchSpace space, int n, Direction... directions) {
    History h = History.empty(directions);
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = space.assemble(q -> q.distribution().fromUnit(0.37));
      List<Double> values = new ArrayList<>();
      for (Direction d : directions) {
        values.add((double) i);
      }
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(values, Instant.EPOCH));
    }
    return h;
  }

  @Test
  void followsTheDocumentedRule() {
    AutoSampler auto = new AutoSampler(new AutoSettings(32, 50));
    SearchSpace four = floats(4);
    assertEquals("sobol", auto.choose(four, completed(four, 9, Direction.MINIMIZE)).type());
    assertEquals("gp", auto.choose(four, completed(four, 10, Direction.MINIMIZE)).type());
    assertEquals("cmaes", auto.choose(four, completed(four, 51, Direction.MINIMIZE)).type());
    assertEquals(
        "evolution",
        auto.choose(four, completed(four, 3, Direction.MINIMIZE, Direction.MAXIMIZE)).type());
    assertEquals(
        "gp",
        auto.choose(
                SamplerContract.CONDITIONAL,
                completed(SamplerContract.CONDITIONAL, 20, Direction.MINIMIZE))
            .type());
    SearchSpace categorical =
        SearchSpace.of(
            new Parameter("a", Categorical.of("x", "y")),
            new Parameter("b", Categorical.of("x", "y")),
            new Parameter("c", FloatRange.of(0, 1)));
    assertEquals(
        "tpe", auto.choose(categorical, completed(categorical, 20, Direction.MINIMIZE)).type());
    SearchSpace wide = floats(40);
    assertEquals("tpe", auto.choose(wide, completed(wide, 20, Direction.MINIMIZE)).type());
    SearchSpace mixed =
        SearchSpace.of(
            new Parameter("a", Categorical.of("x", "y")), new Parameter("c", FloatRange.of(0, 1)));
    assertEquals("tpe", auto.choose(mixed, completed(mixed, 51, Direction.MINIMIZE)).type());
  }

  @Test
  void countsPrunedTrialsAsStartUpAndHandsAPrunedStudyToTpe() {
    AutoSampler auto = new AutoSampler();
    SearchSpace four = floats(4);
    History h = completed(four, 2, Direction.MINIMIZE);
    for (int i = 2; i < 9; i++) {
      double u = 0.1 * i;
      Map<String, Object> p = four.assemble(q -> q.distribution().fromUnit(u));
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).report(1, i).prune(Instant.EPOCH));
    }
    assertEquals("sobol", auto.choose(four, h).type(), "9 finished, start-up is 10");
    Map<String, Object> p = four.assemble(q -> q.distribution().fromUnit(0.95));
    History ten = h.with(Trial.running(9, p, "w", Instant.EPOCH).report(1, 9).prune(Instant.EPOCH));
    assertEquals("tpe", auto.choose(four, ten).type(), "8 pruned against 2 completed");
    History balanced = completed(four, 10, Direction.MINIMIZE);
    assertEquals("gp", auto.choose(four, balanced).type());
  }

  @Test
  void isTheDefaultAndValidatesItsOptions() {
    assertEquals("auto", new SamplerSpec(null, 1, null).type());
    assertTrue(Samplers.create(SamplerSpec.of("auto", 1)) instanceof AutoSampler);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("auto", 1, Map.of("gpMaxDim", 3))));
    assertTrue(e.getMessage().startsWith("sampler.gpMaxDim"), e.getMessage());
  }
}
