package org.hpofarm.worker.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.model.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** djl trials: a real training in a child JVM, reported per epoch, pruned on request. */
class DjlRunnerTest implements TrialRunnerContract {

  @Override
  public TrialRunner runner() {
    return new DjlRunner(new CommandRunner(), null);
  }

  @Override
  public Assignment reporting() throws Exception {
    return TrialRunnerContract.assignment(
        "{\"kind\": \"djl\", \"model\": \"calo.vae\", \"geometry\": \"small\","
            + " \"epochs\": 6, \"showers\": 400, \"seed\": 1}",
        "{\"lr\": 0.003, \"depth\": 1}");
  }

  @Override
  public Assignment broken() throws Exception {
    return TrialRunnerContract.assignment(
        "{\"kind\": \"djl\", \"model\": \"calo.nope\", \"geometry\": \"small\"}", "{}");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theCatalogueIsTheSimulatorsRegistry() throws Exception {
    Map<String, List<String>> registry = new LinkedHashMap<>();
    for (String model : Models.NAMES) {
      List<String> names = new ArrayList<>();
      Models.family(model).defaults().fieldNames().forEachRemaining(names::add);
      registry.put(model, names);
    }
    assertEquals(registry, DjlExecutor.models());
    for (String model : Models.NAMES) {
      // compared as JSON text read back: the registry's numbers are floats, the resource's doubles
      assertEquals(
          JSON.readTree(Models.family(model).defaults().toString()),
          JSON.readTree(DjlExecutor.defaults(model).toString()),
          model);
      assertEquals(
          JSON.readTree(Models.family(model).searchSpace().toString()),
          JSON.readTree(DjlExecutor.space(model).toString()),
          model);
    }
    assertEquals(Geometry.PRESETS, DjlExecutor.geometries());
  }

  @Test
  void trainsInAChildJvmReportingEachEpochAndCheckpointing(@TempDir Path checkpoints)
      throws Exception {
    List<String> reports = new ArrayList<>();
    DjlRunner runner = new DjlRunner(new CommandRunner(), checkpoints);
    Outcome o =
        runner.run(
            TrialRunnerContract.assignment(
                "{\"kind\": \"djl\", \"model\": \"calo.vae\", \"geometry\": \"small\","
                    + " \"epochs\": 2, \"showers\": 400, \"seed\": 1}",
                "{\"lr\": 0.003, \"depth\": 1}"),
            (step, value) -> {
              reports.add(step + "=" + value);
              return false;
            });
    var values = assertInstanceOf(Outcome.Values.class, o, o.toString());
    assertEquals(2, reports.size(), reports.toString());
    assertTrue(reports.get(1).startsWith("2="), reports.toString());
    assertEquals(Double.parseDouble(reports.get(1).substring(2)), values.values().get(0));
    assertTrue(Files.isDirectory(checkpoints.resolve("s1").resolve("3")), "checkpoint directory");
  }

  @Test
  void aPrunedTrainingStopsAfterTheFirstEpoch() throws Exception {
    List<Integer> steps = new ArrayList<>();
    Outcome o =
        new DjlRunner(new CommandRunner(), null)
            .run(
                TrialRunnerContract.assignment(
                    "{\"kind\": \"djl\", \"geometry\": \"small\", \"epochs\": 50, \"showers\": 400}",
                    "{}"),
                (step, value) -> {
                  steps.add(step);
                  return true;
                });
    assertInstanceOf(Outcome.Pruned.class, o);
    assertEquals(List.of(1), steps);
  }

  @Test
  void aBadExecutorFailsTheTrialNamingTheField() throws Exception {
    var failed =
        assertInstanceOf(
            Outcome.Failed.class,
            new DjlRunner(new CommandRunner(), null)
                .run(
                    TrialRunnerContract.assignment("{\"kind\": \"djl\", \"model\": \"x\"}", "{}"),
                    (s, v) -> false));
    assertTrue(failed.error().startsWith("executor.model"), failed.error());
  }

  @Test
  void aGroupOfTwoTrainsDataParallelAndOnlyRankZeroReports(@TempDir Path checkpoints)
      throws Exception {
    List<Slice> slices = Inventory.cpu("n1", 2, 0).slices();
    Assignment rank0 =
        new Assignment(
            "s1",
            7,
            7,
            (ObjectNode) JSON.readTree("{\"depth\": 1, \"width\": 64}"),
            slices.get(0),
            JSON.readTree(
                "{\"kind\": \"djl\", \"geometry\": \"small\", \"epochs\": 2,"
                    + " \"showers\": 400, \"seed\": 1, \"averageEvery\": 2}"),
            120,
            "n1:" + slices.get(0).id(),
            slices,
            0);
    List<String> reports = new ArrayList<>();
    Outcome o =
        new DjlRunner(new CommandRunner(), checkpoints)
            .run(
                rank0,
                (step, value) -> {
                  reports.add(step + "=" + value);
                  return false;
                });

    var values = assertInstanceOf(Outcome.Values.class, o, o.toString());
    assertEquals(2, reports.size(), "one report an epoch, from rank 0 alone: " + reports);
    assertTrue(reports.get(1).startsWith("2="), reports.toString());
    assertEquals(Double.parseDouble(reports.get(1).substring(2)), values.values().get(0));
    assertTrue(Files.exists(checkpoints.resolve("s1/7/state.json")), "rank 0's checkpoint");
  }

  @Test
  void aTrainingChildKeepsTheNativeMemoryItFreesUnlessTheParentSaysOtherwise() {
    Map<String, String> env = DjlRunner.environment();
    if (System.getenv("GLIBC_TUNABLES") != null) {
      assertEquals(Map.of(), env, "the parent's own GLIBC_TUNABLES is inherited unchanged");
      return;
    }
    String tunables = env.get("GLIBC_TUNABLES");
    for (String setting :
        List.of(
            "glibc.malloc.arena_max=1",
            "glibc.malloc.mmap_threshold=33554432",
            "glibc.malloc.trim_threshold=4294967295")) {
      assertTrue(List.of(tunables.split(":")).contains(setting), tunables);
    }
  }

  @Test
  void theGroupOptionsAreCheckedAndPassedToTheChild() throws Exception {
    DjlExecutor e =
        DjlExecutor.fromJson(
            JSON.readTree("{\"kind\": \"djl\", \"averageEvery\": 8, \"averaging\": \"elastic\"}"),
            java.util.Set.of());
    List<String> argv = DjlRunner.trainCommand(e, JSON.createObjectNode(), 1, false, null);
    assertEquals("8", argv.get(argv.indexOf("--average-every") + 1));
    assertEquals("elastic", argv.get(argv.indexOf("--averaging") + 1));
    DjlExecutor defaults =
        DjlExecutor.fromJson(JSON.readTree("{\"kind\": \"djl\"}"), java.util.Set.of());
    assertEquals(32, defaults.averageEvery());
    assertEquals("sync", defaults.averaging());
    for (String bad : List.of("{\"averageEvery\": 0}", "{\"averaging\": \"gossip\"}")) {
      var error =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () -> DjlExecutor.fromJson(JSON.readTree(bad), java.util.Set.of()));
      String field = JSON.readTree(bad).fieldNames().next();
      assertTrue(error.getMessage().startsWith("executor." + field), error.getMessage());
    }
  }
}
