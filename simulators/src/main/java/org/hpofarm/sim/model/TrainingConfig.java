package org.hpofarm.sim.model;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;

/**
 * One training run: which model with which hyperparameters, on which reference data, for how long.
 *
 * @param model registry name ({@code calo.vae}, {@code calo.gan})
 * @param params hyperparameter values (absent ones take the model's defaults)
 * @param geometry geometry preset
 * @param showers number of training showers
 * @param epochs number of epochs
 * @param seed seed of data, initialisation and sampling
 * @param device device to train on
 * @param checkpointDir where to save a checkpoint after each epoch and resume from; null for none
 * @param classifierEpochs epochs of the classifier test at the end (0: no classifier AUC)
 */
public record TrainingConfig(
    String model,
    Map<String, ?> params,
    String geometry,
    int showers,
    int epochs,
    long seed,
    Device device,
    Path checkpointDir,
    int classifierEpochs) {

  /** A run without the classifier test. */
  public TrainingConfig(
      String model,
      Map<String, ?> params,
      String geometry,
      int showers,
      int epochs,
      long seed,
      Device device,
      Path checkpointDir) {
    this(model, params, geometry, showers, epochs, seed, device, checkpointDir, 0);
  }

  public TrainingConfig {
    if (classifierEpochs < 0) {
      throw new IllegalArgumentException("classifierEpochs: must be >= 0, got " + classifierEpochs);
    }
    if (showers < 10) {
      throw new IllegalArgumentException("showers: need at least 10, got " + showers);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs: must be >= 0, got " + epochs);
    }
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /**
   * Size of each evaluation sample: half the training size, between 200 and 10,000 showers. The
   * objective and its reference floor are measured on samples of this size.
   */
  public int evaluationShowers() {
    return Math.max(200, Math.min(10_000, showers / 2));
  }
}
