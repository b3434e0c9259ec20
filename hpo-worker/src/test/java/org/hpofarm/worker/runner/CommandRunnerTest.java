package org.hpofarm.worker.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hpofarm.mig.slice.Inventory;
import org.junit.jupiter.api.Test;

/** The command protocol: params in, reports and the final value out, failures in words. */
class CommandRunnerTest implements TrialRunnerContract {

  @Override
  public TrialRunner runner() {
    return runner;
  }

  @Override
  public Assignment reporting() throws Exception {
    return TrialRunnerContract.assignment(
        "{\"kind\": \"command\", \"command\": \"for i in 1 2 3; do echo"
            + " \\\"{\\\\\\\"step\\\\\\\": $i, \\\\\\\"value\\\\\\\": 0.$i}\\\"; sleep 1; done;"
            + " echo 0.25\"}",
        "{\"x\": 0.5}");
  }

  @Override
  public Assignment broken() throws Exception {
    return TrialRunnerContract.assignment("{\"kind\": \"command\"}", "{}");
  }

  private final CommandRunner runner = new CommandRunner();
  private final List<String> reports = new ArrayList<>();

  private Outcome run(String executor, boolean prune) throws Exception {
    JsonNode ex = new ObjectMapper().readTree(executor);
    var slice = Inventory.cpu("n1", 1, 0).slices().get(0);
    Assignment a =
        new Assignment(
            "s1",
            4,
            4,
            (ObjectNode) new ObjectMapper().readTree("{\"x\": 0.25, \"n\": 3, \"act\": \"relu\"}"),
            slice,
            ex,
            60,
            "n1:" + slice.id(),
            List.of(slice),
            0);
    return runner.run(
        a,
        (step, value) -> {
          reports.add(step + "=" + value);
          return prune;
        });
  }

  @Test
  void paramsArriveInTheEnvironmentAndTheFileAndValuesComeBackFromStdout() throws Exception {
    Outcome o =
        run(
            "{\"kind\": \"command\", \"command\": \"test \\\"$FARM_TRIAL\\\" = s1:4 || exit 3;"
                + " grep -q '\\\"act\\\":\\\"relu\\\"' \\\"$FARM_PARAMS_FILE\\\" || exit 4;"
                + " echo \\\"$FARM_PARAMS\\\" | grep -q '\\\"n\\\":3' || exit 5;"
                + " echo 'not protocol'; echo '{\\\"step\\\": 2, \\\"value\\\": 0.5}';"
                + " echo '{\\\"value\\\": 0.125}'\"}",
            false);
    assertEquals(new Outcome.Values(List.of(0.125)), o);
    assertEquals(List.of("2=0.5"), reports);
  }

  @Test
  void aBareNumberOnTheLastLineIsTheValue() throws Exception {
    assertEquals(
        new Outcome.Values(List.of(7.5)),
        run(
            "{\"kind\": \"command\", \"command\": [\"sh\", \"-c\", \"echo hello; echo 7.5\"]}",
            false));
  }

  @Test
  void aPrunedTrialsProcessIsStopped() throws Exception {
    long t0 = System.nanoTime();
    Outcome o =
        run(
            "{\"kind\": \"command\", \"command\":"
                + " \"echo '{\\\"step\\\": 0, \\\"value\\\": 9}'; sleep 30; echo 1\"}",
            true);
    assertInstanceOf(Outcome.Pruned.class, o);
    assertTrue(System.nanoTime() - t0 < 20e9, "the process was not stopped");
  }

  @Test
  void failuresSayWhatWentWrong() throws Exception {
    var exit = run("{\"kind\": \"command\", \"command\": \"echo broken >&2; exit 2\"}", false);
    assertEquals(new Outcome.Failed("exit status 2: broken"), exit);
    var silent = (Outcome.Failed) run("{\"kind\": \"command\", \"command\": \"echo hi\"}", false);
    assertTrue(silent.error().startsWith("stdout: the command ended without a final value"));
    var missing = (Outcome.Failed) run("{\"kind\": \"command\"}", false);
    assertTrue(missing.error().startsWith("executor.command"), missing.error());
    var bad =
        (Outcome.Failed)
            run(
                "{\"kind\": \"command\", \"command\": \"echo '{\\\"value\\\": \\\"x\\\"}'\"}",
                false);
    assertTrue(bad.error().startsWith("stdout: value"), bad.error());
    var slow =
        (Outcome.Failed)
            run("{\"kind\": \"command\", \"command\": \"sleep 30\", \"timeoutSeconds\": 1}", false);
    assertTrue(slow.error().startsWith("executor.timeoutSeconds"), slow.error());
  }

  @Test
  void withoutARunnerForItsKindATrialFailsNamingTheRunnersThereAre() throws Exception {
    TrialRunners runners = new TrialRunners(List.of(runner));
    var slice = Inventory.cpu("n1", 1, 0).slices().get(0);
    Assignment a =
        new Assignment(
            "s1",
            0,
            0,
            new ObjectMapper().createObjectNode(),
            slice,
            new ObjectMapper().readTree("{\"kind\": \"djl\"}"),
            60,
            "w",
            List.of(slice),
            0);
    var failed = (Outcome.Failed) runners.run(a, (s, v) -> false);
    assertTrue(failed.error().startsWith("executor.kind djl: no runner for it"), failed.error());
    assertTrue(failed.error().contains("[command]"), failed.error());
  }
}
