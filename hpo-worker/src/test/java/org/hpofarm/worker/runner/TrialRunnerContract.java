package org.hpofarm.worker.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hpofarm.mig.slice.Inventory;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TrialRunner} does, on real trials (as {@code SamplerContract} is for samplers):
 * implement it for a runner with a trial it runs to a value reporting several steps a moment apart,
 * and an executor it cannot run.
 */
interface TrialRunnerContract {

  ObjectMapper JSON = new ObjectMapper();

  TrialRunner runner();

  /** An executor (and params) that the runner runs to a value, reporting at least three steps. */
  Assignment reporting() throws Exception;

  /** An executor the runner cannot run: the trial's fault, not the runner's. */
  Assignment broken() throws Exception;

  /** An assignment of trial 3 of study {@code s1} on a CPU slot. */
  static Assignment assignment(String executor, String params) throws Exception {
    var slice = Inventory.cpu("n1", 1, 0).slices().get(0);
    return new Assignment(
        "s1",
        3,
        3,
        (ObjectNode) JSON.readTree(params),
        slice,
        JSON.readTree(executor),
        60,
        "n1:" + slice.id(),
        List.of(slice),
        0);
  }

  @Test
  default void itsKindIsAnExecutorName() {
    assertTrue(runner().kind().matches("[a-z][a-z0-9._-]*"), runner().kind());
  }

  @Test
  default void runsToValuesReportingIncreasingSteps() throws Exception {
    List<Integer> steps = new ArrayList<>();
    Outcome o =
        runner()
            .run(
                reporting(),
                (step, value) -> {
                  assertTrue(Double.isFinite(value), "reported " + value);
                  steps.add(step);
                  return false;
                });
    var values = assertInstanceOf(Outcome.Values.class, o, o.toString());
    values.values().forEach(v -> assertTrue(Double.isFinite(v), values.toString()));
    assertTrue(steps.size() >= 3, "steps " + steps);
    for (int i = 1; i < steps.size(); i++) {
      assertTrue(steps.get(i) > steps.get(i - 1), "steps " + steps);
    }
  }

  @Test
  default void stopsAtTheFirstReportThePrunerRefuses() throws Exception {
    List<Integer> steps = new ArrayList<>();
    Outcome o =
        runner()
            .run(
                reporting(),
                (step, value) -> {
                  steps.add(step);
                  return true;
                });
    assertEquals(new Outcome.Pruned(), o);
    assertEquals(1, steps.size(), "steps " + steps);
  }

  @Test
  default void aBrokenExecutorIsAFailedOutcomeThatSaysWhy() throws Exception {
    Outcome o = runner().run(broken(), (step, value) -> false);
    var failed = assertInstanceOf(Outcome.Failed.class, o, o.toString());
    assertFalse(failed.error().isBlank());
  }

  @Test
  default void anInterruptStopsTheTrialAndIsRethrown() throws Exception {
    Assignment a = reporting();
    CountDownLatch reported = new CountDownLatch(1);
    AtomicReference<Object> ended = new AtomicReference<>();
    Thread agent =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    ended.set(
                        runner()
                            .run(
                                a,
                                (step, value) -> {
                                  reported.countDown();
                                  return false;
                                }));
                  } catch (InterruptedException e) {
                    ended.set(e);
                  }
                });
    assertTrue(reported.await(120, TimeUnit.SECONDS), "no report");
    agent.interrupt();
    agent.join(TimeUnit.SECONDS.toMillis(15));
    assertFalse(agent.isAlive(), "still running after the interrupt");
    assertInstanceOf(InterruptedException.class, ended.get(), String.valueOf(ended.get()));
  }
}
