package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every registered model must do; each model's test implements {@link #modelName()}. */
interface ShowerModelContract {

  String modelName();

  Geometry GEOMETRY = Geometry.preset("small");
  VoxelScale SCALE = new VoxelScale(VoxelScale.DEFAULT_DELTA, 1024, 65536);

  default ShowerModel create(long seed, Map<String, ?> params) {
    ModelFamily family = Models.family(modelName());
    return family.create(
        Hyperparameters.resolve(family.hyperparameters(), params),
        new ModelContext(GEOMETRY, SCALE, Device.cpu(), seed));
  }

  @Test
  default void registeredUnderItsNameWithAValidSpace() {
    ModelFamily family = Models.family(modelName());
    assertEquals(modelName(), family.name());
    assertEquals(family.hyperparameters().size(), family.searchSpace().size());
    assertFalse(family.description().isBlank());
  }

  @Test
  default void generatesOneValidShowerPerEnergy() {
    try (ShowerModel m = create(1, Map.of())) {
      float[] energies = {1024f, 4096f, 65536f};
      ShowerSet s = m.generate(energies, 2);
      assertEquals(3, s.size());
      assertArrayEquals(energies, s.incidentEnergies());
      for (int i = 0; i < s.size(); i++) {
        double total = 0;
        for (int j = 0; j < s.width(); j++) {
          float v = s.voxels()[i * s.width() + j];
          assertTrue(v >= 0 && Float.isFinite(v));
          total += v;
        }
        assertTrue(total <= 1.5 * energies[i] + 1e-3);
      }
    }
  }

  @Test
  default void trainsAnEpochWithAFiniteLoss() {
    ShowerSet data = new ShowerGenerator(GEOMETRY, Beam.defaultFor(GEOMETRY)).generate(200, 1);
    try (ShowerModel m = create(1, Map.of("batchSize", 64));
        TrainingData d = TrainingData.of(data, SCALE, Device.cpu())) {
      assertTrue(Double.isFinite(m.trainEpoch(d)));
    }
  }

  /**
   * The garbage collector running all the time must not change training: with DJL's constants freed
   * under autograd (see {@code Differentiable}) it did, and could turn the loss to NaN.
   */
  @Test
  default void trainingDoesNotDependOnTheGarbageCollector() throws Exception {
    ShowerSet data = new ShowerGenerator(GEOMETRY, Beam.defaultFor(GEOMETRY)).generate(600, 3);
    double[] quiet = losses(data, false);
    double[] collected = losses(data, true);
    assertArrayEquals(quiet, collected);
  }

  private double[] losses(ShowerSet data, boolean collectAllTheTime) throws Exception {
    var stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread collector =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (collectAllTheTime && !stop.get()) {
                    System.gc();
                    Thread.onSpinWait();
                  }
                });
    try (ShowerModel m = create(5, Map.of("batchSize", 32));
        TrainingData d = TrainingData.of(data, SCALE, Device.cpu())) {
      m.observe(d);
      return new double[] {m.trainEpoch(d)};
    } finally {
      stop.set(true);
      collector.join();
    }
  }

  @Test
  default void restoresWhatItSaved(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    try (ShowerModel m1 = create(1, Map.of());
        ShowerModel m2 = create(2, Map.of())) {
      m1.save(a);
      m2.save(b);
      assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
      m2.restore(a);
      m2.save(b);
      assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
  }
}
