package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short DJL training runs on the small geometry. */
class TrainingTest {

  @TempDir Path dir;

  private static TrainingConfig vae(int epochs, long seed, Path checkpoint) {
    return new TrainingConfig(
        "calo.vae",
        Map.of("lr", 0.003, "batchSize", 64),
        "small",
        600,
        epochs,
        seed,
        Device.cpu(),
        checkpoint);
  }

  @Test
  void everyOptimiserOfTheSearchSpaceTrainsOnThisEngine() {
    // the space offers them all, so a sampler may pick any (DJL's PyTorch engine has no fused
    // RMSProp: ours must work)
    for (Object optimizer : Optimizers.NAMES) {
      TrainingResult r =
          Training.run(
              new TrainingConfig(
                  "calo.vae",
                  Map.of("lr", 0.003, "batchSize", 64, "optimizer", optimizer),
                  "small",
                  600,
                  2,
                  1,
                  Device.cpu(),
                  null),
              e -> true);
      assertTrue(Double.isFinite(r.objective()), optimizer + ": " + r.objective());
      assertTrue(
          r.objective() < r.untrainedObjective(),
          optimizer + ": " + r.objective() + " vs " + r.untrainedObjective());
    }
  }

  @Test
  void vaeImprovesOnTheUntrainedModelAndReportsEveryEpoch() {
    List<EpochReport> reports = new ArrayList<>();
    TrainingResult r = Training.run(vae(3, 1, null), reports::add);
    assertEquals(3, reports.size());
    assertEquals(3, r.objectiveByEpoch().size());
    assertTrue(
        r.objective() < r.untrainedObjective(), r.objective() + " vs " + r.untrainedObjective());
    assertTrue(r.referenceFloor() < r.objective());
    assertTrue(r.msPerShower() > 0);
    assertEquals("relu", r.parameters().get("activation"));
  }

  @Test
  void sameSeedSameRun() {
    TrainingResult a = Training.run(vae(2, 5, null), e -> true);
    TrainingResult b = Training.run(vae(2, 5, null), e -> true);
    assertEquals(a.objectiveByEpoch(), b.objectiveByEpoch());
  }

  @Test
  void listenerCanPrune() {
    TrainingResult r = Training.run(vae(5, 2, null), e -> e.epoch() < 2);
    assertTrue(r.pruned());
    assertEquals(2, r.epochs());
  }

  @Test
  void checkpointResumesAfterTheLastEpoch() {
    Path ck = dir.resolve("ck");
    Training.run(vae(1, 3, ck), e -> true);
    assertTrue(Files.exists(ck.resolve("weights-0001.ndlist")));
    assertTrue(Files.exists(ck.resolve("state.json")));
    List<Integer> epochs = new ArrayList<>();
    TrainingResult r = Training.run(vae(2, 3, ck), e -> epochs.add(e.epoch()));
    assertEquals(List.of(2), epochs);
    assertEquals(2, r.objectiveByEpoch().size());
  }

  @Test
  void aResumedTrainingEndsWhereAnUninterruptedOneDoes() {
    List<TrainingConfig> configs = new ArrayList<>();
    for (Object optimizer : Optimizers.NAMES) {
      configs.add(
          config(
              "calo.vae",
              Map.of("lr", 0.003, "batchSize", 64, "optimizer", optimizer, "dropout", 0.1),
              4,
              null));
    }
    configs.add(config("calo.gan", Map.of("batchSize", 64, "criticSteps", 2), 4, null));
    for (TrainingConfig straight : configs) {
      String what = straight.model() + " " + straight.params();
      TrainingResult whole = Training.run(straight, e -> true);
      Path ck = dir.resolve("ck-" + configs.indexOf(straight));
      Training.run(config(straight.model(), straight.params(), 2, ck), e -> true); // stopped
      TrainingResult resumed =
          Training.run(config(straight.model(), straight.params(), 4, ck), e -> true);
      assertEquals(whole.objectiveByEpoch(), resumed.objectiveByEpoch(), what);
    }
  }

  private static TrainingConfig config(
      String model, Map<String, ?> params, int epochs, Path checkpoint) {
    return new TrainingConfig(model, params, "small", 400, epochs, 5, Device.cpu(), checkpoint);
  }

  @Test
  void ganTrainsAndGeneratesValidShowers() {
    TrainingConfig config =
        new TrainingConfig(
            "calo.gan",
            Map.of("batchSize", 64, "criticSteps", 2),
            "small",
            400,
            2,
            4,
            Device.cpu(),
            null);
    TrainingResult r = Training.run(config, e -> Double.isFinite(e.loss()));
    assertEquals(2, r.epochs());
    assertTrue(Double.isFinite(r.objective()));
  }
}
