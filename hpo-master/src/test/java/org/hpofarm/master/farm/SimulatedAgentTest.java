package org.hpofarm.master.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpofarm.master.store.MemoryStudyStore;
import org.hpofarm.master.study.ManualClock;
import org.hpofarm.master.study.Outcome;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyService;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.mig.slice.FarmDescription;
import org.junit.jupiter.api.Test;

/** The in-process agent on a simulated Leonardo weekend farm, with a fake runner. */
class SimulatedAgentTest {

  /** A runner that reports x at step 1 and tells 2x, counting how many run at once. */
  static final class CountingRunner implements TrialRunner {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final Set<String> slices = ConcurrentHashMap.newKeySet();

    @Override
    public String kind() {
      return "command";
    }

    @Override
    public Outcome run(Assignment a, TrialReporter reporter) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        slices.add(a.slice().profile());
        double x = (Double) a.params().get("x");
        reporter.report(1, x);
        return new Outcome.Values(List.of(2 * x));
      } finally {
        now.decrementAndGet();
      }
    }
  }

  @Test
  void placedTrialsRunAFewAtATimeOnTheirSliceClassAndAreTold() throws Exception {
    ManualClock clock = new ManualClock();
    StudyService studies = new StudyService(new MemoryStudyStore(), clock, () -> "s1");
    FarmService farm = new FarmService(studies, clock, FarmSettings.defaults());
    Study study =
        studies.create(
            "alice",
            StudySpec.fromJson(
                new ObjectMapper()
                    .readTree(
                        "{\"name\": \"t\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                            + " \"high\": 1}}, \"maxTrials\": 30, \"executor\":"
                            + " {\"kind\": \"command\", \"slice\": \"2g\"}}")));
    CountingRunner runner = new CountingRunner();
    try (SimulatedAgent agent =
        SimulatedAgent.start(
            "simulated",
            FarmDescription.parse("a100-40gb:25:7x1g.5gb,a100-40gb:2:3g.20gb+2g.10gb+2x1g.5gb"),
            farm,
            studies,
            new TrialRunners(List.of(runner)),
            clock,
            3,
            Duration.ofMillis(100))) {
      assertTrue(agent.awaitIdle(Duration.ofSeconds(60)));
    }
    List<Trial> trials = studies.trials(study.id(), null, 0, 100).items();
    assertEquals(30, trials.size());
    for (Trial t : trials) {
      assertEquals(TrialState.COMPLETE, t.state(), t.toString());
      double x = (Double) t.params().get("x");
      assertEquals(List.of(2 * x), t.values());
      assertEquals(x, t.intermediate().get(1));
    }
    assertTrue(runner.most.get() <= 3, "more than three at once: " + runner.most.get());
    assertEquals(Set.of("2g.10gb"), runner.slices);
    assertEquals(183, farm.state().slices().size());
    assertTrue(farm.state().slices().stream().allMatch(s -> s.study() == null));
  }
}
