package org.hpofarm.sim.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.metric.Fidelity;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;

/**
 * Runs one trial: generates the reference showers, trains a model epoch by epoch, measures the
 * objective after each epoch, checkpoints, and reports.
 */
public final class Training {

  /*
   * Three independent reference samples come from the seed: training (seed), evaluation
   * (seed + 1) and a second evaluation sample (seed + 2) that only serves the reference floor.
   * After each epoch the model generates one shower per evaluation energy and the mean separation
   * power against the evaluation sample is the epoch's objective. Checkpoints hold the weights and
   * a JSON state (epoch, objectives); a run given an existing checkpoint directory resumes after
   * its last epoch. The weights file holds the optimisers' state too (moment estimates, step
   * counts) and every epoch draws its random numbers from (seed, epoch) alone, so a resumed run
   * ends where an uninterrupted one with the same seed does.
   */

  public static final int GENERATION_BATCH = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Training() {}

  /** Runs the configured training; the listener sees every epoch and may stop the run. */
  public static TrainingResult run(TrainingConfig config, EpochListener listener) {
    long started = System.nanoTime();
    Geometry geometry = Geometry.preset(config.geometry());
    ShowerGenerator reference = new ShowerGenerator(geometry, Beam.defaultFor(geometry));
    ShowerSet train = reference.generate(config.showers(), config.seed());
    int nEval = config.evaluationShowers();
    ShowerSet eval = reference.generate(nEval, config.seed() + 1);
    ShowerSet eval2 = reference.generate(nEval, config.seed() + 2);
    Fidelity fidelity = new Fidelity(eval);
    double floor = fidelity.objective(eval2);
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
    double referenceFpd = fidelity.fpd(eval2, rng);

    ModelFamily family = Models.family(config.model());
    Hyperparameters params = Hyperparameters.resolve(family.hyperparameters(), config.params());
    VoxelScale scale = VoxelScale.of(train.incidentEnergies());
    ModelContext context = new ModelContext(geometry, scale, config.device(), config.seed());
    List<Double> byEpoch = new ArrayList<>();
    try (ShowerModel model = family.create(params, context);
        TrainingData data = TrainingData.of(train, scale, config.device())) {
      model.observe(data);
      int done = resume(config.checkpointDir(), model, byEpoch);
      double untrained =
          done == 0
              ? fidelity.objective(model.generate(eval.incidentEnergies(), GENERATION_BATCH))
              : Double.NaN;
      boolean pruned = false;
      for (int epoch = done + 1; epoch <= config.epochs(); epoch++) {
        model.startEpoch(epoch);
        double loss = model.trainEpoch(data);
        double objective =
            fidelity.objective(model.generate(eval.incidentEnergies(), GENERATION_BATCH));
        byEpoch.add(objective);
        checkpoint(config.checkpointDir(), model, byEpoch);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!listener.onEpoch(new EpochReport(epoch, objective, loss, seconds))) {
          pruned = epoch < config.epochs();
          break;
        }
      }
      long t0 = System.nanoTime();
      ShowerSet generated = model.generate(eval.incidentEnergies(), GENERATION_BATCH);
      double msPerShower = (System.nanoTime() - t0) / 1e6 / nEval;
      double objective = byEpoch.isEmpty() ? fidelity.objective(generated) : byEpoch.getLast();
      double fpd = fidelity.fpd(generated, rng);
      double auc =
          config.classifierEpochs() > 0
              ? org.hpofarm.sim.metric.ClassifierAuc.of(
                  eval, generated, config.classifierEpochs(), config.device(), config.seed())
              : Double.NaN;
      return new TrainingResult(
          config.model(),
          objective,
          List.copyOf(byEpoch),
          untrained,
          floor,
          fpd,
          referenceFpd,
          msPerShower,
          params.asMap(),
          config.device().toString(),
          byEpoch.size(),
          pruned,
          (System.nanoTime() - started) / 1e9,
          auc);
    }
  }

  private static int resume(Path dir, ShowerModel model, List<Double> byEpoch) {
    if (dir == null || !Files.exists(dir.resolve("state.json"))) {
      return 0;
    }
    try {
      var state = JSON.readTree(dir.resolve("state.json").toFile());
      model.restore(dir.resolve("weights.ndlist"));
      for (var v : state.path("objectiveByEpoch")) {
        byEpoch.add(v.asDouble());
      }
      return state.path("epoch").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint: cannot read " + dir, e);
    }
  }

  private static void checkpoint(Path dir, ShowerModel model, List<Double> byEpoch) {
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("weights.ndlist.tmp");
      model.save(tmp);
      Files.move(
          tmp,
          dir.resolve("weights.ndlist"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      ObjectNode state = JSON.createObjectNode();
      state.put("epoch", byEpoch.size());
      ArrayNode arr = state.putArray("objectiveByEpoch");
      byEpoch.forEach(arr::add);
      JSON.writeValue(dir.resolve("state.json").toFile(), state);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint: cannot write " + dir, e);
    }
  }
}
