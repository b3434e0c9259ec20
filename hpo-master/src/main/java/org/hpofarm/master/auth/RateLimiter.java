package org.hpofarm.master.auth;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a token's hash): up to {@code burst} requests at once, refilled at {@code
 * perSecond}. Time comes from an injected clock.
 */
public final class RateLimiter {

  private final double perSecond;
  private final double burst;
  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond, double burst, InstantSource clock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate-limit: must be > 0 with a burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** Whether {@code key}'s bucket holds a request now (takes nothing). */
  public boolean hasRoom(String key) {
    Bucket b = buckets.get(key);
    return b == null || b.hasRoom(toNanos(clock));
  }

  /** Takes one request from {@code key}'s bucket; false when it is empty. */
  public boolean tryAcquire(String key) {
    long nanos = toNanos(clock);
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanos)).take(nanos);
  }

  private static long toNanos(InstantSource clock) {
    var now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }

    synchronized boolean hasRoom(long now) {
      refill(now);
      return tokens >= 1;
    }

    private void refill(long now) {
      if (now > last) {
        tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
        last = now;
      }
    }

    synchronized boolean take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
