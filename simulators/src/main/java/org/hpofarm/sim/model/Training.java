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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.group.DataParallel;
import org.hpofarm.sim.group.Exchange;
import org.hpofarm.sim.group.GroupSpec;
import org.hpofarm.sim.group.Replica;
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
   *
   * A worker group (DataParallel) trains data-parallel: every rank makes the same training showers
   * and keeps its shard, starts from the same weights (the seed), averages every averageEvery
   * optimiser steps and, at each epoch's end, synchronously with the optimisers' estimates
   * (Replica). Rank 0 alone makes the evaluation samples, evaluates, checkpoints and reports; every
   * rank resumes from rank 0's checkpoint, the group's state at that epoch's end. The second
   * evaluation sample and the reference figures come after the last epoch, so that no report
   * waits for them (they draw the same numbers as before, so a run's figures do not change).
   */

  public static final int GENERATION_BATCH = 100;

  /** The checkpoint's state file: epoch, objectives, and the weights file of that epoch. */
  static final String STATE = "state.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long the ranks of a group wait for each other to connect. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(2);

  /** How long a rank waits for the others at an average (rank 0's setup or evaluation included). */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(30);

  /** Rank r > 0 draws epoch e's random numbers as epoch e + RANK_EPOCHS r. */
  private static final int RANK_EPOCHS = 1_000_000;

  private Training() {}

  /** Runs the configured training alone; the listener sees every epoch and may stop the run. */
  public static TrainingResult run(TrainingConfig config, EpochListener listener) {
    return run(config, DataParallel.single(), listener);
  }

  /**
   * Runs the configured training as one rank of {@code parallel}'s group (alone for a single
   * worker). Rank 0 evaluates, checkpoints, calls the listener and returns the result; another rank
   * only trains its shard and averages, and returns a result whose measured figures are NaN. A
   * listener that stops rank 0 early ends the group: the other ranks' next average fails.
   */
  public static TrainingResult run(
      TrainingConfig config, DataParallel parallel, EpochListener listener) {
    long started = System.nanoTime();
    Geometry geometry = Geometry.preset(config.geometry());
    ShowerGenerator reference = new ShowerGenerator(geometry, Beam.defaultFor(geometry));
    try (Exchange exchange = Exchange.open(parallel.group(), CONNECT_TIMEOUT, READ_TIMEOUT)) {
      ShowerSet shard = parallel.trainingShowers(reference, config.showers(), config.seed());
      // the energies' range over every rank's showers: the same network space on each rank
      VoxelScale scale = VoxelScale.of(exchange.gather(-1, range(shard.incidentEnergies())));
      ModelFamily family = Models.family(config.model());
      Hyperparameters params = Hyperparameters.resolve(family.hyperparameters(), config.params());
      ModelContext context = new ModelContext(geometry, scale, config.device(), config.seed());
      try (ShowerModel model = family.create(perRank(params, parallel.group()), context);
          TrainingData data = TrainingData.of(shard, scale, config.device())) {
        model.observe(data);
        Replica replica = new Replica(exchange, parallel.averaging(), parallel.averageEvery());
        return parallel.group().isHub()
            ? trainAndEvaluate(
                config, parallel, replica, model, data, params, reference, started, listener)
            : trainOnly(config, parallel, replica, model, data, params, started);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rank 0 (or a single worker): trains, evaluates each epoch, checkpoints, reports. */
  private static TrainingResult trainAndEvaluate(
      TrainingConfig config,
      DataParallel parallel,
      Replica replica,
      ShowerModel model,
      TrainingData data,
      Hyperparameters params,
      ShowerGenerator reference,
      long started,
      EpochListener listener) {
    int nEval = config.evaluationShowers();
    ShowerSet eval = reference.generate(nEval, config.seed() + 1);
    Fidelity fidelity = new Fidelity(eval);
    List<Double> byEpoch = new ArrayList<>();
    int done = resume(config.checkpointDir(), model, byEpoch);
    replica.start(model.weights());
    double untrained =
        done == 0
            ? fidelity.objective(model.generate(eval.incidentEnergies(), GENERATION_BATCH))
            : Double.NaN;
    boolean pruned = false;
    for (int epoch = done + 1; epoch <= config.epochs(); epoch++) {
      double loss = trainEpoch(parallel, replica, model, data, epoch);
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
    log(parallel, replica);
    long t0 = System.nanoTime();
    ShowerSet generated = model.generate(eval.incidentEnergies(), GENERATION_BATCH);
    double msPerShower = (System.nanoTime() - t0) / 1e6 / nEval;
    double objective = byEpoch.isEmpty() ? fidelity.objective(generated) : byEpoch.getLast();
    // the reference figures come last, so that no epoch's report waits for them
    ShowerSet eval2 = reference.generate(nEval, config.seed() + 2);
    double floor = fidelity.objective(eval2);
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
    double referenceFpd = fidelity.fpd(eval2, rng);
    double fpd = fidelity.fpd(generated, rng);
    double auc =
        config.classifierEpochs() > 0
            ? ClassifierAuc.of(
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

  /** A rank other than 0: trains its shard and averages; it measures nothing. */
  private static TrainingResult trainOnly(
      TrainingConfig config,
      DataParallel parallel,
      Replica replica,
      ShowerModel model,
      TrainingData data,
      Hyperparameters params,
      long started) {
    List<Double> byEpoch = new ArrayList<>();
    int done = resume(config.checkpointDir(), model, byEpoch);
    replica.start(model.weights());
    for (int epoch = done + 1; epoch <= config.epochs(); epoch++) {
      trainEpoch(parallel, replica, model, data, epoch);
    }
    log(parallel, replica);
    return new TrainingResult(
        config.model(),
        Double.NaN,
        List.copyOf(byEpoch),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        params.asMap(),
        config.device().toString(),
        config.epochs() - done,
        false,
        (System.nanoTime() - started) / 1e9,
        Double.NaN);
  }

  /** One epoch of one rank, averaging as the group says; a group's ranks end it in step. */
  private static double trainEpoch(
      DataParallel parallel, Replica replica, ShowerModel model, TrainingData data, int epoch) {
    GroupSpec group = parallel.group();
    if (group.isSingle()) {
      model.startEpoch(epoch);
      return model.trainEpoch(data);
    }
    // rank r > 0 draws its own batch orders and noise: those of epoch e + 1,000,000 r
    model.startEpoch(epoch + RANK_EPOCHS * group.rank());
    double loss = model.trainEpoch(data, () -> replica.afterStep(model.weights()));
    replica.endEpoch(model.weights(), model.estimates());
    return loss;
  }

  private static void log(DataParallel parallel, Replica replica) {
    GroupSpec group = parallel.group();
    if (!group.isSingle()) {
      System.err.printf(
          "worker group: rank %d of %d: %d averages (every %d steps, %s), %.2f s in them,"
              + " %d bytes per average%n",
          group.rank(),
          group.worldSize(),
          replica.averages(),
          parallel.averageEvery(),
          parallel.averaging().label(),
          replica.seconds(),
          replica.bytesPerAverage());
    }
  }

  /** The smallest and largest of {@code values}. */
  private static float[] range(float[] values) {
    float lo = Float.MAX_VALUE;
    float hi = -Float.MAX_VALUE;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new float[] {lo, hi};
  }

  /**
   * The hyperparameters one rank trains with: a trial's {@code batchSize} is the group's batch, so
   * that a trial's hyperparameters mean the same training whatever its group's size; each of n
   * ranks takes ⌈batchSize / n⌉ showers a step, and makes as many steps an epoch as a single
   * worker.
   */
  private static Hyperparameters perRank(Hyperparameters params, GroupSpec group) {
    if (group.isSingle() || !params.asMap().containsKey("batchSize")) {
      return params;
    }
    int batch = params.integer("batchSize");
    return params.with("batchSize", (batch + group.worldSize() - 1) / group.worldSize());
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
