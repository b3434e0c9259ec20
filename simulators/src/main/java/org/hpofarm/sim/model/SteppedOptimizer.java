package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optimiser whose whole state — per weight array its step count and its estimates (Adam's
 * moments, a momentum, a mean square) — can be written into a checkpoint and read back, so that a
 * training resumed from a checkpoint goes on exactly as an uninterrupted one would.
 */
abstract class SteppedOptimizer extends Optimizer {

  private final Map<String, Integer> steps = new ConcurrentHashMap<>();
  private final Map<String, NDArray[]> estimates = new ConcurrentHashMap<>();
  private final int perWeight;

  /**
   * Builds the DJL side (no weight decay, no clipping) for {@code perWeight} estimates a weight.
   */
  SteppedOptimizer(int perWeight) {
    super(new Defaults());
    this.perWeight = perWeight;
  }

  private static final class Defaults extends OptimizerBuilder<Defaults> {
    @Override
    protected Defaults self() {
      return this;
    }
  }

  /** The 1-based count of this update of {@code id}. */
  final int step(String id) {
    return steps.merge(id, 1, Integer::sum);
  }

  /** The estimates of {@code id}, zeros like {@code weight} at first. */
  final NDArray[] estimates(String id, NDArray weight) {
    return estimates.computeIfAbsent(
        id,
        k -> {
          NDArray[] e = new NDArray[perWeight];
          for (int i = 0; i < perWeight; i++) {
            e[i] = weight.zerosLike();
          }
          return e;
        });
  }

  /** The live estimate arrays of every weight, in the order of the weights' ids. */
  final List<NDArray> estimateArrays() {
    List<NDArray> out = new ArrayList<>();
    for (NDArray[] arrays : new TreeMap<>(estimates).values()) {
      out.addAll(List.of(arrays));
    }
    return out;
  }

  /** The state as named arrays: {@code id#steps} and {@code id#0..}, in a stable order. */
  final NDList state(NDManager manager) {
    NDList out = new NDList();
    for (var e : new TreeMap<>(steps).entrySet()) {
      NDArray count = manager.create(new int[] {e.getValue()});
      count.setName(e.getKey() + "#steps");
      out.add(count);
      NDArray[] arrays = estimates.get(e.getKey());
      for (int i = 0; arrays != null && i < arrays.length; i++) {
        NDArray copy = arrays[i].duplicate();
        copy.setName(e.getKey() + "#" + i);
        out.add(copy);
      }
    }
    return out;
  }

  /** Reads {@link #state} back; the arrays go to {@code manager} (the model's). */
  final void restore(List<NDArray> state, NDManager manager) {
    steps.clear();
    estimates.clear();
    List<NDArray> current = new ArrayList<>();
    String id = null;
    for (NDArray a : state) {
      String name = a.getName();
      int hash = name.lastIndexOf('#');
      String key = name.substring(0, hash);
      if (name.endsWith("#steps")) {
        finish(id, current);
        id = key;
        steps.put(key, a.toIntArray()[0]);
      } else {
        NDArray copy = a.duplicate();
        copy.attach(manager);
        current.add(copy);
      }
    }
    finish(id, current);
  }

  private void finish(String id, List<NDArray> arrays) {
    if (id != null && !arrays.isEmpty()) {
      estimates.put(id, arrays.toArray(NDArray[]::new));
    }
    arrays.clear();
  }
}
