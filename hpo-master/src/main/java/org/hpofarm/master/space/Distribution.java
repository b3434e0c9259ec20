package org.hpofarm.master.space;

/**
 * A distribution is the set of values one parameter may take, with a map to and from the unit
 * interval that samplers work in.
 *
 * <p>{@link #fromUnit} maps any {@code u} in [0, 1] to a valid value (log parameters uniformly in
 * log space, integers relaxed then rounded, categoricals by equal-width bins), and {@link #toUnit}
 * maps a value back to the centre of its preimage, so {@code fromUnit(toUnit(v)) == v}.
 */
public sealed interface Distribution permits FloatRange, IntRange, Categorical {

  /** Maps {@code u} in [0, 1] (clamped) to a value of this distribution. */
  Object fromUnit(double u);

  /** Maps a value of this distribution into [0, 1]. */
  double toUnit(Object value);

  /**
   * Returns the canonical Java value for {@code raw} (Double, Long or one of the choices), or
   * throws {@link IllegalArgumentException} saying why it does not belong here.
   */
  Object canonical(Object raw);

  /** Number of distinct values, or {@link Long#MAX_VALUE} for a continuous range. */
  long cardinality();

  static double clampUnit(double u) {
    return u < 0 ? 0 : (u > 1 ? 1 : (Double.isNaN(u) ? 0.5 : u));
  }
}
