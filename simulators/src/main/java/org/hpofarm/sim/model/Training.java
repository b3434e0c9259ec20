package org.hpofarm.sim.model;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

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

  /** The checkpoint's state file: epoch, objectives, and the weights file of that epoch. */
  static final String STATE = "state.json";

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
              ? org.hpofarm.sim.model.ClassifierAuc.of(
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
    if (dir == null || !Files.exists(dir.resolve(STATE))) {
      return 0;
    }
    try {
      var state = JSON.readTree(dir.resolve(STATE).toFile());
      model.restore(dir.resolve(state.path("weights").asText("weights.ndlist")));
      for (var v : state.path("objectiveByEpoch")) {
        byEpoch.add(v.asDouble());
      }
      return state.path("epoch").asInt();
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          "checkpoint: cannot read " + dir, e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Writes epoch {@code byEpoch.size()}'s checkpoint so that a process stopped at any moment leaves
   * a consistent one: the weights (with the optimisers' state) to their own file for that epoch,
   * then {@code state.json} naming it, each through a temporary file and an atomic rename; older
   * weights files go only once the new state names the new one.
   */
  private static void checkpoint(Path dir, ShowerModel model, List<Double> byEpoch) {
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      String weights = String.format("weights-%04d.ndlist", byEpoch.size());
      Path tmp = dir.resolve(weights + ".tmp");
      model.save(tmp);
      Files.move(tmp, dir.resolve(weights), REPLACE_EXISTING, ATOMIC_MOVE);
      ObjectNode state = JSON.createObjectNode();
      state.put("epoch", byEpoch.size());
      state.put("weights", weights);
      ArrayNode arr = state.putArray("objectiveByEpoch");
      byEpoch.forEach(arr::add);
      Path stateTmp = dir.resolve(STATE + ".tmp");
      JSON.writeValue(stateTmp.toFile(), state);
      Files.move(stateTmp, dir.resolve(STATE), REPLACE_EXISTING, ATOMIC_MOVE);
      try (var old = Files.list(dir)) {
        for (Path f : old.toList()) {
          String name = f.getFileName().toString();
          if (name.startsWith("weights") && !name.equals(weights)) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint: cannot write " + dir, e);
    }
  }
}
