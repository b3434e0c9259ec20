package org.hpofarm.sim.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameter values of one trial: the trial's params over the model's declared defaults,
 * checked (unknown names and wrong types are rejected with the parameter's name).
 */
public final class Hyperparameters {

  private final Map<String, Object> values;

  private Hyperparameters(Map<String, Object> values) {
    this.values = values;
  }

  /** Resolves {@code params} against the declarations; absent parameters take their default. */
  public static Hyperparameters resolve(List<Hyperparameter> declared, Map<String, ?> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Hyperparameter> byName = new LinkedHashMap<>();
    for (Hyperparameter h : declared) {
      byName.put(h.name(), h);
      out.put(h.name(), h.canonical(h.defaultValue()));
    }
    for (var e : params.entrySet()) {
      Hyperparameter h = byName.get(e.getKey());
      if (h == null) {
        throw new IllegalArgumentException(
            e.getKey() + ": unknown hyperparameter, expected one of " + byName.keySet());
      }
      out.put(e.getKey(), h.canonical(e.getValue()));
    }
    return new Hyperparameters(out);
  }

  /**
   * These values with {@code name} set to {@code value}, unchecked: for a value the training
   * derives (a rank's share of the batch), not one a user chose.
   */
  Hyperparameters with(String name, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(values);
    out.put(name, value);
    return new Hyperparameters(out);
  }

  public double real(String name) {
    return ((Number) get(name)).doubleValue();
  }

  public int integer(String name) {
    return Math.toIntExact(((Number) get(name)).longValue());
  }

  public String text(String name) {
    return get(name).toString();
  }

  /** All values, defaults included, in declaration order. */
  public Map<String, Object> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  private Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + ": not a declared hyperparameter");
    }
    return v;
  }
}
