package org.hpofarm.master.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.hpofarm.master.store.MemoryStudyStore;
import org.hpofarm.master.study.ManualClock;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final ManualClock clock = new ManualClock();
  private final MemoryStudyStore store = new MemoryStudyStore();
  private final Tokens tokens = new Tokens(store, clock);

  @Test
  void onlyTheHashIsStoredAndTheSecretVerifies() {
    String secret = tokens.issue("alice", false, 1);
    assertTrue(secret.startsWith("hpf_"));
    assertEquals("alice", tokens.verify(secret).orElseThrow().user());
    assertTrue(store.token(secret).isEmpty(), "the secret is not a key");
    assertTrue(store.token(Tokens.hash(secret)).isPresent());
    assertTrue(tokens.verify("hpf_other").isEmpty());
  }

  @Test
  void tokensExpire() {
    String secret = tokens.issue("bob", false, 1);
    clock.advance(Duration.ofHours(23));
    assertTrue(tokens.verify(secret).isPresent());
    clock.advance(Duration.ofHours(2));
    assertFalse(tokens.verify(secret).isPresent());
  }

  @Test
  void badUsersAndDaysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> tokens.issue("a b", false, 1));
    assertThrows(IllegalArgumentException.class, () -> tokens.issue("ok", false, -1));
  }

  @Test
  void theRateLimiterIsATokenBucket() {
    RateLimiter limiter = new RateLimiter(2, 3, clock);
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertFalse(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("other"), "buckets are per key");
    clock.advance(Duration.ofMillis(500));
    assertTrue(limiter.tryAcquire("k"));
    assertFalse(limiter.tryAcquire("k"));
  }
}
