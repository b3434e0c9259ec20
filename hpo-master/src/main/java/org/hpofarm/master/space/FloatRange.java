package org.hpofarm.master.space;

/**
 * A real parameter in [low, high], optionally uniform in log space or restricted to a grid of
 * {@code step} (step 0 means continuous).
 */
public record FloatRange(double low, double high, boolean log, double step)
    implements Distribution {

  public FloatRange {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("low and high must be finite numbers");
    }
    if (low > high) {
      throw new IllegalArgumentException("low (" + low + ") must not exceed high (" + high + ")");
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException("log needs low > 0 (got " + low + ")");
    }
    if (step < 0 || !Double.isFinite(step)) {
      throw new IllegalArgumentException("step must be positive (got " + step + ")");
    }
    if (step > 0 && log) {
      throw new IllegalArgumentException("step and log cannot be combined");
    }
  }

  public static FloatRange of(double low, double high) {
    return new FloatRange(low, high, false, 0);
  }

  public static FloatRange logOf(double low, double high) {
    return new FloatRange(low, high, true, 0);
  }

  @Override
  public Double fromUnit(double u) {
    double x = Distribution.clampUnit(u);
    if (log) {
      double v = Math.exp(Math.log(low) + x * (Math.log(high) - Math.log(low)));
      return Math.min(high, Math.max(low, v));
    }
    if (step > 0) {
      long n = steps();
      long k = Math.min(n, Math.round(x * n));
      return Math.min(high, low + k * step);
    }
    return Math.min(high, low + x * (high - low));
  }

  @Override
  public double toUnit(Object value) {
    double v = ((Number) value).doubleValue();
    if (high == low) {
      return 0.5;
    }
    if (log) {
      return Distribution.clampUnit(
          (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)));
    }
    return Distribution.clampUnit((v - low) / (high - low));
  }

  @Override
  public Double canonical(Object raw) {
    if (!(raw instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new IllegalArgumentException("expected a number, got " + raw);
    }
    double v = n.doubleValue();
    if (v < low || v > high) {
      throw new IllegalArgumentException(v + " is outside [" + low + ", " + high + "]");
    }
    return v;
  }

  @Override
  public long cardinality() {
    if (high == low) {
      return 1;
    }
    return step > 0 ? steps() + 1 : Long.MAX_VALUE;
  }

  private long steps() {
    return (long) Math.floor((high - low) / step + 1e-9);
  }
}
