package org.hpofarm.master.space;

import java.util.List;
import java.util.Objects;

/** A parameter that takes one of a list of choices: strings, numbers or booleans. */
public record Categorical(List<Object> choices) implements Distribution {

  public Categorical {
    if (choices == null || choices.isEmpty()) {
      throw new IllegalArgumentException("choices must not be empty");
    }
    choices = List.copyOf(choices.stream().map(Categorical::normaliseChoice).toList());
    if (choices.stream().distinct().count() != choices.size()) {
      throw new IllegalArgumentException("choices must be distinct: " + choices);
    }
  }

  public static Categorical of(Object... choices) {
    return new Categorical(List.of(choices));
  }

  @Override
  public Object fromUnit(double u) {
    int k = choices.size();
    return choices.get(Math.min(k - 1, (int) Math.floor(Distribution.clampUnit(u) * k)));
  }

  @Override
  public double toUnit(Object value) {
    return (indexOf(value) + 0.5) / choices.size();
  }

  /** Index of {@code value} among the choices, or -1. */
  public int indexOf(Object value) {
    return choices.indexOf(normaliseChoice(value));
  }

  @Override
  public Object canonical(Object raw) {
    int i = indexOf(raw);
    if (i < 0) {
      throw new IllegalArgumentException(raw + " is not one of " + choices);
    }
    return choices.get(i);
  }

  @Override
  public long cardinality() {
    return choices.size();
  }

  private static Object normaliseChoice(Object c) {
    Objects.requireNonNull(c, "a choice must not be null");
    if (c instanceof Integer || c instanceof Long || c instanceof Short || c instanceof Byte) {
      return ((Number) c).longValue();
    }
    if (c instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
    if (c instanceof String || c instanceof Boolean) {
      return c;
    }
    throw new IllegalArgumentException("a choice must be a string, number or boolean: " + c);
  }
}
