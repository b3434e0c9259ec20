package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
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
    assertTrue(Files.exists(ck.resolve("weights.ndlist")));
    List<Integer> epochs = new ArrayList<>();
    TrainingResult r = Training.run(vae(2, 3, ck), e -> epochs.add(e.epoch()));
    assertEquals(List.of(2), epochs);
    assertEquals(2, r.objectiveByEpoch().size());
  }

  @Test
  void saveAndRestoreCarryTheWeights() throws Exception {
    Geometry g = Geometry.preset("small");
    VoxelScale scale = new VoxelScale(VoxelScale.DEFAULT_DELTA, 1024, 65536);
    for (String name : Models.NAMES) {
      ModelFamily family = Models.family(name);
      Hyperparameters p = Hyperparameters.resolve(family.hyperparameters(), Map.of());
      Path a = dir.resolve(name + ".a");
      Path b = dir.resolve(name + ".b");
      try (ShowerModel m1 = family.create(p, new ModelContext(g, scale, Device.cpu(), 1));
          ShowerModel m2 = family.create(p, new ModelContext(g, scale, Device.cpu(), 2))) {
        m1.save(a);
        m2.save(b);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
        m2.restore(a);
        m2.save(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
      }
    }
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
    Geometry g = Geometry.preset("small");
    VoxelScale scale = new VoxelScale(VoxelScale.DEFAULT_DELTA, 1024, 65536);
    ModelFamily family = Models.family("calo.gan");
    try (ShowerModel m =
        family.create(
            Hyperparameters.resolve(family.hyperparameters(), Map.of()),
            new ModelContext(g, scale, Device.cpu(), 1))) {
      ShowerSet s = m.generate(new float[] {1024f, 65536f}, 100);
      for (float v : s.voxels()) {
        assertTrue(v >= 0 && v <= 65536f);
      }
    }
  }
}
