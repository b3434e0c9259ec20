package org.hpofarm.master.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerContract;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class GpSamplerTest implements SamplerContract {

  @Override
  public Sampler sampler(long seed) {
    return new GpSampler(
        GpSettings.from(new Options("sampler", Map.of("candidates", 256, "fitEvaluations", 20))));
  }

  @Override
  public int loopTrials() {
    return 25;
  }

  @Test
  void isRegisteredAsGpAndNamesABadOption() {
    assertTrue(Samplers.create(SamplerSpec.of("gp", 1)) instanceof GpSampler);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("gp", 1, Map.of("nStartpu", 3))));
    assertTrue(e.getMessage().startsWith("sampler.nStartpu"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("gp", 1, Map.of("pending", "guess"))));
    assertTrue(e.getMessage().startsWith("sampler.pending"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("gp", 1, Map.of("nStartup", -5))));
    assertTrue(e.getMessage().startsWith("sampler.nStartup"), e.getMessage());
  }

  @Test
  void beatsItsOwnStartUpDesignOnASmoothFunction() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("a", FloatRange.of(-2, 2)), new Parameter("b", FloatRange.of(-2, 2)));
    Sampler gp = sampler(3);
    History h = History.empty(Direction.MINIMIZE);
    double bestStartup = Double.POSITIVE_INFINITY;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 25; i++) {
      Map<String, Object> p = gp.sample(space, h, new TrialSeed(3, i));
      double a = (Double) p.get("a");
      double b = (Double) p.get("b");
      double v = (a - 0.7) * (a - 0.7) + 3 * (b + 0.4) * (b + 0.4);
      if (i < 6) {
        bestStartup = Math.min(bestStartup, v);
      }
      best = Math.min(best, v);
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(List.of(v), Instant.EPOCH));
    }
    assertTrue(best < 1e-3, "best " + best);
    assertTrue(best < bestStartup / 100, "best " + best + " vs start-up " + bestStartup);
  }

  @Test
  void maximisesWhenAskedTo() {
    SearchSpace space = SearchSpace.of(new Parameter("a", FloatRange.of(0, 1)));
    Sampler gp = sampler(4);
    History h = History.empty(Direction.MAXIMIZE);
    for (int i = 0; i < 15; i++) {
      Map<String, Object> p = gp.sample(space, h, new TrialSeed(4, i));
      double a = (Double) p.get("a");
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(List.of(a), Instant.EPOCH));
    }
    assertTrue(h.best().orElseThrow().value() > 0.98);
  }

  @Test
  void handlesSeveralObjectivesByScalarisation() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("a", FloatRange.of(0, 1)), new Parameter("b", FloatRange.of(0, 1)));
    Sampler gp = sampler(5);
    History h = History.empty(Direction.MINIMIZE, Direction.MINIMIZE);
    for (int i = 0; i < 15; i++) {
      Map<String, Object> p = gp.sample(space, h, new TrialSeed(5, i));
      double a = (Double) p.get("a");
      double b = (Double) p.get("b");
      h =
          h.with(
              Trial.running(i, p, "w", Instant.EPOCH)
                  .complete(List.of(a + b, (1 - a) + b), Instant.EPOCH));
    }
    assertEquals(15, h.completed().size());
    // the Pareto set is b = 0: the model-based trials should head there
    double meanB =
        h.completed().stream()
            .skip(6)
            .mapToDouble(t -> (Double) t.params().get("b"))
            .average()
            .orElseThrow();
    assertTrue(meanB < 0.3, "mean b after start-up " + meanB);
  }

  @Test
  void keepsManySimultaneousAsksDistinctAndSpread() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("a", FloatRange.of(0, 1)), new Parameter("b", FloatRange.of(0, 1)));
    Sampler gp = sampler(6);
    History h = SamplerContract.loop(gp, space, 6, 10);
    List<double[]> asked = new java.util.ArrayList<>();
    double span = 0;
    for (int i = 10; i < 40; i++) {
      Map<String, Object> p = gp.sample(space, h, new TrialSeed(6, i));
      double[] u = {(Double) p.get("a"), (Double) p.get("b")};
      for (double[] v : asked) {
        double dist = Math.hypot(u[0] - v[0], u[1] - v[1]);
        assertTrue(dist > 0, "ask " + i + " repeats a pending one");
        span = Math.max(span, dist);
      }
      asked.add(u);
      h = h.with(Trial.running(i, p, "w" + i, Instant.EPOCH));
    }
    assertEquals(30, h.pending().size());
    assertTrue(span > 0.05, "30 pending asks all within " + span);
  }
}
