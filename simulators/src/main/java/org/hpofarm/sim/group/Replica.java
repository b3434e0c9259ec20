package org.hpofarm.sim.group;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * One rank's copy of a model trained data-parallel: counts the rank's optimiser steps and, every
 * {@code averageEvery} of them, averages its weights with the group's through the exchange.
 */
public final class Replica {

  /*
   * Every averageEvery steps the weights alone are averaged (by the mode: replaced by the mean, or
   * moved elastically). At the end of each epoch every mode averages synchronously the weights and
   * the optimisers' estimates (Adam's moments, a momentum): after it every rank holds the same
   * whole training state, which is what rank 0 evaluates, what its checkpoint saves and what every
   * rank of a resumed try reads back. Between epoch ends each rank's estimates follow its own
   * gradients (local Adam), and averaging them every K steps too would triple the bytes of each
   * average for a state that the epoch's end brings together anyway. The elastic centre restarts
   * from the epoch's mean.
   */

  private final Exchange exchange;
  private final Averaging averaging;
  private final int averageEvery;
  private float[] centre;
  private int sinceAverage;
  private long rounds;
  private long averages;
  private long nanos;
  private long stepBytes;

  /** A rank averaging through {@code exchange} by {@code averaging} every {@code averageEvery}. */
  public Replica(Exchange exchange, Averaging averaging, int averageEvery) {
    if (averageEvery < 1) {
      throw new IllegalArgumentException("averageEvery: must be >= 1, got " + averageEvery);
    }
    this.exchange = exchange;
    this.averaging = averaging;
    this.averageEvery = averageEvery;
  }

  /** Starts from {@code weights}, the same on every rank (the elastic mode's first centre). */
  public void start(List<NDArray> weights) {
    centre = flatten(weights);
  }

  /** Called after each optimiser step: every {@code averageEvery}-th averages the weights. */
  public void afterStep(List<NDArray> weights) {
    if (++sinceAverage < averageEvery) {
      return;
    }
    sinceAverage = 0;
    float[] local = flatten(weights);
    long before = exchange.bytes();
    float[] mean = average(local);
    stepBytes = exchange.bytes() - before;
    averaging.apply(local, mean, centre, exchange.spec().worldSize());
    unflatten(local, weights);
  }

  /**
   * Called at the end of each epoch: replaces the weights and {@code estimates} by the group's
   * means, so that every rank holds the same training state.
   */
  public void endEpoch(List<NDArray> weights, List<NDArray> estimates) {
    sinceAverage = 0;
    float[] w = flatten(weights);
    float[] e = flatten(estimates);
    float[] both = new float[w.length + e.length];
    System.arraycopy(w, 0, both, 0, w.length);
    System.arraycopy(e, 0, both, w.length, e.length);
    float[] mean = average(both);
    centre = Arrays.copyOf(mean, w.length);
    unflatten(centre, weights);
    unflatten(Arrays.copyOfRange(mean, w.length, mean.length), estimates);
  }

  private float[] average(float[] values) {
    long t0 = System.nanoTime();
    try {
      float[] mean = exchange.average(rounds++, values);
      averages++;
      return mean;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      nanos += System.nanoTime() - t0;
    }
  }

  /** Averages done so far, the epochs' ends included. */
  public long averages() {
    return averages;
  }

  /** Seconds spent in averages, waiting for the slowest rank included. */
  public double seconds() {
    return nanos / 1e9;
  }

  /**
   * Bytes this rank sent and received in its last average of weights every {@code averageEvery}
   * steps (the hub: over all its links); 0 before the first, and when an epoch has fewer steps
   * (only the epochs' ends average then).
   */
  public long bytesPerAverage() {
    return stepBytes;
  }

  /** Every rank's arrays end to end, in list order. */
  static float[] flatten(List<NDArray> arrays) {
    long n = 0;
    for (NDArray a : arrays) {
      n += a.size();
    }
    float[] out = new float[Math.toIntExact(n)];
    int at = 0;
    for (NDArray a : arrays) {
      float[] v = a.toFloatArray();
      System.arraycopy(v, 0, out, at, v.length);
      at += v.length;
    }
    return out;
  }

  /** Writes {@link #flatten}'s layout back into the arrays. */
  static void unflatten(float[] values, List<NDArray> arrays) {
    int at = 0;
    for (NDArray a : arrays) {
      int n = Math.toIntExact(a.size());
      a.set(Arrays.copyOfRange(values, at, at + n));
      at += n;
    }
  }
}
