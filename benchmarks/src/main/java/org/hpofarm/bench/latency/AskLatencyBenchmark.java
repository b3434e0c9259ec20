package org.hpofarm.bench.latency;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.SearchSpace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time one sampler takes to propose a trial (one {@code sample} call) in a study of 8 float
 * parameters with 100, 1,000 or 5,000 completed trials, sampled per call (JMH SampleTime mode) so
 * that its p50 and p99 can be read.
 *
 * <p>Run it with {@code ./farm bench ask-latency} (short settings, a JSON line per sampler and
 * history size), or in full with JMH's own command line on the launcher's class path:
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   org.openjdk.jmh.Main AskLatencyBenchmark -p sampler=random,tpe,gp -p history=1000
 * </pre>
 *
 * <p>The history is built once per (sampler, history size) from uniformly random points valued by a
 * smooth objective ({@link LatencyFixture}); every call asks for the next trial number, so samplers
 * that draw from the seed see fresh randomness but the same history.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
public class AskLatencyBenchmark {

  /** Number of float parameters of the space. */
  public static final int DIMS = 8;

  private static final long STUDY_SEED = 7;

  /** Sampler type; the names not registered yet fail their setup and are reported as errors. */
  @Param({"random", "sobol", "tpe", "gp", "cmaes", "evolution", "auto"})
  public String sampler;

  /** Completed trials in the history. */
  @Param({"100", "1000", "5000"})
  public int history;

  private SearchSpace space;
  private History trials;
  private Sampler policy;
  private int next;

  /** Builds the fixture of this (sampler, history size) once. */
  @Setup(Level.Trial)
  public void setUp() {
    space = LatencyFixture.space(DIMS);
    trials = LatencyFixture.history(space, history, 42);
    policy = Samplers.create(new SamplerSpec(sampler, STUDY_SEED, Map.of()));
    next = history;
  }

  /** One ask: the proposal of the next trial. */
  @Benchmark
  public Map<String, Object> ask() {
    return policy.sample(space, trials, new TrialSeed(STUDY_SEED, next++));
  }
}
