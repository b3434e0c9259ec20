package org.hpofarm.master.sampler;

import java.util.SplittableRandom;

/**
 * A keyed pseudo-random bijection of {0, ..., n - 1}: a shuffled order of n items that needs no
 * memory and gives the k-th item in constant expected time.
 */
final class IndexPermutation {

  /*
   * A balanced Feistel network (Luby and Rackoff 1988) on the smallest even number of bits that
   * covers n is a permutation of [0, 2^bits) for any round function; cycle walking (Black and
   * Rogaway 2002, "Ciphers with arbitrary finite domains") re-applies it until the result falls in
   * [0, n), which restricts it to a permutation of [0, n). As 2^bits < 4n, the expected number of
   * walks is below 4. Four rounds with a SplitMix64 finaliser as the round function shuffle well
   * enough for ordering a grid; this is not meant as cryptography.
   */

  private static final int ROUNDS = 4;

  private final long n;
  private final int half;
  private final long mask;
  private final long[] keys = new long[ROUNDS];

  IndexPermutation(long n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    this.n = n;
    int bits = n <= 4 ? 2 : 64 - Long.numberOfLeadingZeros(n - 1);
    bits += bits & 1;
    this.half = bits / 2;
    this.mask = (1L << half) - 1;
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < ROUNDS; i++) {
      keys[i] = rng.nextLong();
    }
  }

  long size() {
    return n;
  }

  /** The item at position {@code k} of the shuffled order. */
  long apply(long k) {
    if (k < 0 || k >= n) {
      throw new IndexOutOfBoundsException(k);
    }
    long x = k;
    do {
      x = encrypt(x);
    } while (x >= n);
    return x;
  }

  private long encrypt(long x) {
    long left = x >>> half;
    long right = x & mask;
    for (long key : keys) {
      long next = left ^ (mix(right ^ key) & mask);
      left = right;
      right = next;
    }
    return (left << half) | right;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
