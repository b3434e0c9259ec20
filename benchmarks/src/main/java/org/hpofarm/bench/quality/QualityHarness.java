package org.hpofarm.bench.quality;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.hpofarm.bench.function.TestFunction;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.trial.Trial;

/**
 * Runs a sampler on a test function over several seeds, with a number of trials kept in flight as
 * asynchronous workers would, and measures its regret and time per trial.
 *
 * <p>Run it with {@code ./farm bench optimisers} (options and output in {@code
 * docs/benchmarks.md}).
 */
public final class QualityHarness {

  /*
   * The loop is the reference script's, step for step: ask trial i (the sampler sees every earlier
   * trial, the pending ones as RUNNING), add it to the history as RUNNING; once `parallel` trials
   * are pending, tell the oldest (replace it by its COMPLETE version). After the last ask the
   * remaining pending trials are told in order. With parallel = 1 every trial is told right after
   * its ask: a sequential study. The seeds are 0 .. seeds-1, given both to the sampler's spec and
   * to every TrialSeed. The time per trial covers ask, evaluation and tell, as in the script.
   */

  private static final String WORKER = "bench";

  private final Function<SamplerSpec, Sampler> samplers;
  private final LongSupplier nanoTime;

  /** A harness on the sampler registry, timing with {@code nanoTime} (normally System's). */
  public QualityHarness(LongSupplier nanoTime) {
    this(Samplers::create, nanoTime);
  }

  /** A harness making its samplers with {@code samplers}, timing with {@code nanoTime}. */
  public QualityHarness(Function<SamplerSpec, Sampler> samplers, LongSupplier nanoTime) {
    this.samplers = samplers;
    this.nanoTime = nanoTime;
  }

  /** Runs {@code sampler} (a sampler type name) on {@code f} for seeds 0 .. seeds-1. */
  public QualityResult run(TestFunction f, String sampler, int trials, int seeds, int parallel) {
    requireAtLeastOne("trials", trials);
    requireAtLeastOne("seeds", seeds);
    requireAtLeastOne("parallel", parallel);
    double[] regrets = new double[seeds];
    double totalMs = 0;
    for (int seed = 0; seed < seeds; seed++) {
      Sampler s = samplers.apply(new SamplerSpec(sampler, seed, Map.of()));
      long start = nanoTime.getAsLong();
      History h = study(f, s, seed, trials, parallel);
      long elapsed = nanoTime.getAsLong() - start;
      totalMs += elapsed / 1e6 / trials;
      regrets[seed] = best(h) - f.optimum();
    }
    Quartiles q = Quartiles.of(regrets);
    return new QualityResult(
        f.name(), sampler, parallel, trials, seeds, q.median(), q.q1(), q.q3(), totalMs / seeds);
  }

  /** One study of {@code trials} trials with {@code parallel} in flight; returns its history. */
  public static History study(
      TestFunction f, Sampler sampler, long seed, int trials, int parallel) {
    History h = History.empty(Direction.MINIMIZE);
    Deque<Trial> pending = new ArrayDeque<>();
    for (int number = 0; number < trials; number++) {
      Map<String, Object> params = sampler.sample(f.space(), h, new TrialSeed(seed, number));
      Trial asked = Trial.running(number, params, WORKER, at(number));
      h = h.with(asked);
      pending.addLast(asked);
      if (pending.size() >= parallel) {
        h = tell(f, h, pending.removeFirst(), number);
      }
    }
    while (!pending.isEmpty()) {
      h = tell(f, h, pending.removeFirst(), trials);
    }
    return h;
  }

  private static History tell(TestFunction f, History h, Trial t, int clock) {
    return h.with(t.complete(List.of(f.evaluate(t.params())), at(clock)));
  }

  private static double best(History h) {
    return h.best().map(Trial::value).orElse(Double.NaN);
  }

  /** A logical timestamp: trials are stamped in ask order, one second apart. */
  private static Instant at(int tick) {
    return Instant.EPOCH.plusSeconds(tick);
  }

  private static void requireAtLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + ": must be at least 1 (got " + value + ")");
    }
  }
}
