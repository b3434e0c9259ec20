package org.hpofarm.master.space;

/**
 * An integer parameter in [low, high] on a grid of {@code step}, optionally uniform in log space.
 */
public record IntRange(long low, long high, boolean log, long step) implements Distribution {

  public IntRange {
    if (low > high) {
      throw new IllegalArgumentException("low (" + low + ") must not exceed high (" + high + ")");
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException("log needs low >= 1 (got " + low + ")");
    }
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1 (got " + step + ")");
    }
    if (log && step != 1) {
      throw new IllegalArgumentException("step and log cannot be combined");
    }
  }

  public static IntRange of(long low, long high) {
    return new IntRange(low, high, false, 1);
  }

  @Override
  public Long fromUnit(double u) {
    double x = Distribution.clampUnit(u);
    if (log) {
      double lo = Math.log(low - 0.5);
      double hi = Math.log(high + 0.5);
      long v = Math.round(Math.exp(lo + x * (hi - lo)));
      return Math.min(high, Math.max(low, v));
    }
    long n = cardinality();
    long k = Math.min(n - 1, (long) Math.floor(x * n));
    return low + k * step;
  }

  @Override
  public double toUnit(Object value) {
    long v = ((Number) value).longValue();
    if (log) {
      double lo = Math.log(low - 0.5);
      double hi = Math.log(high + 0.5);
      return Distribution.clampUnit((Math.log(v) - lo) / (hi - lo));
    }
    return Distribution.clampUnit(((v - low) / (double) step + 0.5) / cardinality());
  }

  @Override
  public Long canonical(Object raw) {
    if (!(raw instanceof Number n)) {
      throw new IllegalArgumentException("expected an integer, got " + raw);
    }
    double d = n.doubleValue();
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("expected an integer, got " + raw);
    }
    long v = n.longValue();
    if (v < low || v > high) {
      throw new IllegalArgumentException(v + " is outside [" + low + ", " + high + "]");
    }
    if ((v - low) % step != 0) {
      throw new IllegalArgumentException(v + " is not on the grid low + k * " + step);
    }
    return v;
  }

  @Override
  public long cardinality() {
    return (high - low) / step + 1;
  }
}
