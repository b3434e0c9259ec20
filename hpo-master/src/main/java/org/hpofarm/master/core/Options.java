package org.hpofarm.master.core;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of a sampler or pruner as given by the user, read with defaults and checked so that
 * an unknown or ill-typed option is an error naming it ({@code sampler.nStartup: ...}).
 *
 * @param owner the prefix of error messages, such as {@code sampler} or {@code pruner}
 */
public record Options(String owner, Map<String, Object> values) {

  public Options {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static Options none(String owner) {
    return new Options(owner, Map.of());
  }

  /** Throws unless every given option is one of {@code known}. */
  public Options allowOnly(String... known) {
    Set<String> allowed = Set.of(known);
    for (String k : values.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(
            owner + "." + k + ": unknown option (known: " + new TreeSet<>(allowed) + ")");
      }
    }
    return this;
  }

  public double getDouble(String key, double dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    throw bad(key, "a number", v);
  }

  public int getInt(String key, int dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return Math.toIntExact(n.longValue());
    }
    throw bad(key, "an integer", v);
  }

  public boolean getBoolean(String key, boolean dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw bad(key, "true or false", v);
  }

  public String getString(String key, String dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof String s) {
      return s;
    }
    throw bad(key, "a string", v);
  }

  /** Reads a number and checks {@code min <= value <= max}. */
  public double getDouble(String key, double dflt, double min, double max) {
    double v = getDouble(key, dflt);
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          owner + "." + key + ": must be in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  /** Reads an integer and checks {@code min <= value <= max}. */
  public int getInt(String key, int dflt, int min, int max) {
    int v = getInt(key, dflt);
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          owner + "." + key + ": must be in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  /**
   * Throws {@code field: problem} unless {@code ok}: the checks of a settings record's constructor,
   * worded like those of the getters ({@code require(gamma <= 1, "sampler.gamma", "must be ...")}).
   */
  public static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": " + problem);
    }
  }

  private IllegalArgumentException bad(String key, String expected, Object got) {
    return new IllegalArgumentException(
        owner + "." + key + ": must be " + expected + ", got " + got);
  }
}
