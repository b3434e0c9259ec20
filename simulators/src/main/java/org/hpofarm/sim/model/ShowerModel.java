package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hpofarm.sim.data.ShowerSet;

/**
 * A trainable generative model of calorimeter showers, conditioned on the incident energy. Owns its
 * arrays on its device until closed.
 */
public interface ShowerModel extends AutoCloseable {

  /**
   * Sees the training data once, before the first epoch and again when a run resumes from a
   * checkpoint: a model that takes statistics straight from the data (not by gradient descent)
   * takes them here. Nothing by default.
   */
  default void observe(TrainingData data) {}

  /**
   * Seeds every random number the next epoch draws (batch order, noise, dropout, the evaluation's
   * generation) from the model's seed and {@code epoch} alone, so that an epoch trained after a
   * resume draws what it would have drawn in an uninterrupted run.
   */
  void startEpoch(int epoch);

  /** One pass over the prepared training data; returns the mean training loss per batch. */
  default double trainEpoch(TrainingData data) {
    return trainEpoch(data, () -> {});
  }

  /**
   * One pass over the prepared training data, running {@code afterStep} after each batch's
   * optimiser step (a data-parallel rank averages there); returns the mean training loss per batch.
   */
  double trainEpoch(TrainingData data, Runnable afterStep);

  /** The networks' trainable arrays, live, in a fixed order: what the ranks of a group average. */
  List<NDArray> weights();

  /**
   * The optimisers' estimate arrays (moments, momenta), live, in a fixed order; empty before the
   * first step.
   */
  List<NDArray> estimates();

  /** Generates one shower per incident energy (MeV), {@code batchSize} showers per forward pass. */
  ShowerSet generate(float[] incidentEnergies, int batchSize);

  /** Writes the model's training state: weights, and its optimisers' estimates and step counts. */
  void save(Path file) throws IOException;

  /** Reads a training state written by {@link #save}. */
  void restore(Path file) throws IOException;

  @Override
  void close();
}
