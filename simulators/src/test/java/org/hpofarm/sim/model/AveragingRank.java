package org.hpofarm.sim.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.group.Averaging;
import org.hpofarm.sim.group.DataParallel;
import org.hpofarm.sim.group.Exchange;
import org.hpofarm.sim.group.GroupSpec;
import org.hpofarm.sim.group.Replica;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;

/**
 * One rank of {@link GroupTrainingTest}'s synchronous group, in its own JVM: trains calo.vae on its
 * shard of 400 small showers for two epochs, averaging every {@code args[0]} steps, and writes its
 * weights after every step (and weights with Adam's moments after each epoch's end) to {@code
 * args[1]/rank-<RANK>}.
 */
final class AveragingRank {

  /** What a rank held after one step: its arrays, and whether the step ended in an average. */
  record Step(float[] weights, boolean averaged) {}

  public static void main(String[] args) throws IOException {
    int every = Integer.parseInt(args[0]);
    GroupSpec spec = GroupSpec.fromEnvironment(System.getenv());
    Geometry geometry = Geometry.preset("small");
    ShowerGenerator generator = new ShowerGenerator(geometry, Beam.defaultFor(geometry));
    VoxelScale scale = VoxelScale.of(generator.generate(400, 1).incidentEnergies());
    ModelFamily family = Models.family("calo.vae");
    DataParallel parallel = new DataParallel(spec, Averaging.SYNC, every);
    Path file = Path.of(args[1]).resolve("rank-" + spec.rank());
    try (DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
        Exchange exchange = Exchange.open(spec, Duration.ofSeconds(60), Duration.ofSeconds(60));
        ShowerModel model =
            family.create(
                Hyperparameters.resolve(
                    family.hyperparameters(),
                    Map.of("lr", 0.003, "batchSize", 32, "depth", 1, "width", 128)),
                new ModelContext(geometry, scale, Device.cpu(), 1));
        TrainingData data =
            TrainingData.of(parallel.trainingShowers(generator, 400, 1), scale, Device.cpu())) {
      model.observe(data);
      Replica replica = new Replica(exchange, Averaging.SYNC, every);
      replica.start(model.weights());
      for (int epoch = 1; epoch <= 2; epoch++) {
        model.startEpoch(epoch + 1_000_000 * spec.rank());
        long[] before = {replica.averages()};
        model.trainEpoch(
            data,
            () -> {
              replica.afterStep(model.weights());
              write(out, model.weights(), replica.averages() > before[0]);
              before[0] = replica.averages();
            });
        replica.endEpoch(model.weights(), model.estimates());
        List<NDArray> all = new ArrayList<>(model.weights());
        all.addAll(model.estimates());
        write(out, all, true);
      }
    }
    System.exit(0);
  }

  private static void write(DataOutputStream out, List<NDArray> arrays, boolean averaged) {
    try {
      out.writeBoolean(averaged);
      long n = 0;
      for (NDArray a : arrays) {
        n += a.size();
      }
      out.writeInt((int) n);
      for (NDArray a : arrays) {
        for (float f : a.toFloatArray()) {
          out.writeFloat(f);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The steps a rank wrote. */
  static List<Step> read(Path file) throws IOException {
    List<Step> steps = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        boolean averaged;
        try {
          averaged = in.readBoolean();
        } catch (EOFException end) {
          return steps;
        }
        float[] w = new float[in.readInt()];
        for (int i = 0; i < w.length; i++) {
          w[i] = in.readFloat();
        }
        steps.add(new Step(w, averaged));
      }
    }
  }
}
