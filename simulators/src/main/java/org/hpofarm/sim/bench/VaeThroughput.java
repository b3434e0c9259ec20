package org.hpofarm.sim.bench;

import ai.djl.Device;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.model.Hyperparameters;
import org.hpofarm.sim.model.ModelContext;
import org.hpofarm.sim.model.ModelFamily;
import org.hpofarm.sim.model.Models;
import org.hpofarm.sim.model.ShowerModel;
import org.hpofarm.sim.model.TrainingData;
import org.hpofarm.sim.model.VoxelScale;

/**
 * Training throughput of {@code calo.vae} in showers per second, on the workload of the PyTorch
 * anchor {@code torch_vae_throughput.py}: 368 voxels, batch 128, 20,480 random showers, Adam,
 * encoder 369→256→128→32 and decoder 17→128→256→368; one warm-up epoch, then two timed epochs.
 */
public final class VaeThroughput {

  /*
   * The network trained is the model's own code path (CaloVae.trainEpoch), not a copy: with the
   * "mean" decoder, latent 16, no spots and otherwise default hyperparameters (depth 2, width 256,
   * batch 128) it is the anchor's network, except that the shower vector has one more entry (368 shape fractions and the
   * total-energy ratio: 370 inputs and 369 outputs instead of 369 and 368, +0.3 % work). It also
   * shuffles the data every epoch, which the anchor does not.
   * Intra-op threads are set by ai.djl.pytorch.num_threads before the engine loads, so one JVM
   * measures one thread setting. On a shared, loaded machine wall-clock rates depend on what else
   * runs; the CPU-time rate of the training thread (1 intra-op thread) does much less.
   */

  public static final int SHOWERS = 20_480;

  private VaeThroughput() {}

  /**
   * A measurement.
   *
   * @param wallShowersPerSecond showers per wall-clock second
   * @param cpuShowersPerSecond showers per CPU second of the training thread (with one intra-op
   *     thread PyTorch computes on the calling thread, so this is the rate an idle core would give)
   */
  public record Rate(double wallShowersPerSecond, double cpuShowersPerSecond) {}

  /** Showers per second on the device, for the engine's current thread setting. */
  public static Rate measure(Device device) {
    Geometry geometry = Geometry.preset("ds1-photon");
    int v = VoxelScale.width(geometry.voxels());
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(0);
    float[] x = new float[SHOWERS * v];
    float[] c = new float[SHOWERS];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = rng.nextFloat();
    }
    ModelFamily family = Models.family("calo.vae");
    Hyperparameters params =
        Hyperparameters.resolve(
            family.hyperparameters(), Map.of("decoder", "mean", "spots", "none", "latent", 16));
    ModelContext context =
        new ModelContext(geometry, new VoxelScale(VoxelScale.DEFAULT_DELTA, 256, 4e6), device, 0);
    try (ShowerModel model = family.create(params, context);
        TrainingData data = TrainingData.ofNetworkSpace(x, c, v, device)) {
      model.trainEpoch(data);
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      model.trainEpoch(data);
      model.trainEpoch(data);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      return new Rate(2.0 * SHOWERS / seconds, 2.0 * SHOWERS / cpu);
    }
  }
}
