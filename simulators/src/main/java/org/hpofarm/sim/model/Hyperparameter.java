package org.hpofarm.sim.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A hyperparameter a model declares: its default and its recommended search range, written in the
 * farm's search-space JSON form ({@code {"type": "float", "low": ..., "high": ..., "log": true}}).
 *
 * @param name parameter name
 * @param type {@code float}, {@code int} or {@code categorical}
 * @param defaultValue value used when a trial does not set it
 * @param low lower bound (numeric types)
 * @param high upper bound (numeric types)
 * @param log sample on a log scale
 * @param step grid step, 0 for none
 * @param choices allowed values (categorical)
 */
public record Hyperparameter(
    String name,
    String type,
    Object defaultValue,
    double low,
    double high,
    boolean log,
    double step,
    List<Object> choices) {

  public Hyperparameter {
    if (!List.of("float", "int", "categorical").contains(type)) {
      throw new IllegalArgumentException("hyperparameter.type: unknown type " + type);
    }
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  public static Hyperparameter floatRange(
      String name, double def, double low, double high, boolean log) {
    return new Hyperparameter(name, "float", def, low, high, log, 0, null);
  }

  public static Hyperparameter floatStep(
      String name, double def, double low, double high, double step) {
    return new Hyperparameter(name, "float", def, low, high, false, step, null);
  }

  public static Hyperparameter intRange(String name, long def, long low, long high, boolean log) {
    return new Hyperparameter(name, "int", def, low, high, log, 0, null);
  }

  public static Hyperparameter categorical(String name, Object def, List<Object> choices) {
    return new Hyperparameter(name, "categorical", def, 0, 0, false, 0, choices);
  }

  /** The distribution in the search-space JSON form. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", type);
    switch (type) {
      case "float" -> {
        n.put("low", low);
        n.put("high", high);
        if (log) {
          n.put("log", true);
        }
        if (step > 0) {
          n.put("step", step);
        }
      }
      case "int" -> {
        n.put("low", (long) low);
        n.put("high", (long) high);
        if (log) {
          n.put("log", true);
        }
      }
      default -> {
        var arr = n.putArray("choices");
        for (Object c : choices) {
          arr.addPOJO(c);
        }
      }
    }
    return n;
  }

  /** Checks and converts a raw value (from JSON) to this parameter's Java type. */
  Object canonical(Object raw) {
    switch (type) {
      case "float" -> {
        if (!(raw instanceof Number num)) {
          throw new IllegalArgumentException(name + ": expected a number, got " + raw);
        }
        return num.doubleValue();
      }
      case "int" -> {
        if (!(raw instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
          throw new IllegalArgumentException(name + ": expected an integer, got " + raw);
        }
        return num.longValue();
      }
      default -> {
        for (Object c : choices) {
          if (c.equals(raw)
              || (c instanceof Number a
                  && raw instanceof Number b
                  && a.doubleValue() == b.doubleValue())) {
            return c;
          }
        }
        throw new IllegalArgumentException(name + ": expected one of " + choices + ", got " + raw);
      }
    }
  }
}
