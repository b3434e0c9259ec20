package org.hpofarm.master.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.hpofarm.master.store.MemoryStudyStore;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
  private final ManualClock clock = new ManualClock();
  private final MemoryStudyStore store = new MemoryStudyStore();
  private final Tokens tokens = new Tokens(store, clock);

  @Test
  void onlyTheHashIsStoredAndTheSecretVerifies() {
    Tokens.Issued issued = tokens.issue("alice", false, 1, false);
    String secret = issued.secret();
    assertTrue(secret.startsWith("hpf_"));
    assertEquals("alice", tokens.verify(secret).orElseThrow().user());
    assertTrue(store.token(secret).isEmpty(), "the secret is not a key");
    assertTrue(store.token(Tokens.hash(secret)).isPresent());
    assertEquals(Tokens.hash(secret).substring(0, 16), issued.id());
    assertTrue(tokens.verify("hpf_other").isEmpty());
  }

  @Test
  void tokensExpireUnlessSaidOtherwise() {
    String secret = tokens.issue("bob", false, 1, false).secret();
    String forever = tokens.issue("carol", false, null, false).secret();
    clock.advance(Duration.ofHours(23));
    assertTrue(tokens.verify(secret).isPresent());
    clock.advance(Duration.ofHours(2));
    assertFalse(tokens.verify(secret).isPresent());
    clock.advance(Duration.ofDays(4000));
    assertTrue(tokens.verify(forever).isPresent(), "never expires, as asked explicitly");
  }

  @Test
  void userNamesAreNormalisedAndAdminIsReserved() {
    assertEquals("alice", tokens.issue(" Alice ", false, 1, false).token().user());
    assertEquals("alice", Tokens.userName("ALICE", "user"));
    var reserved =
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("Admin", true, 1, false));
    assertTrue(reserved.getMessage().startsWith("user: 'admin'"), reserved.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokens.issue("a b", false, 1, false));
    var zero =
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("ok", false, 0, false));
    assertTrue(zero.getMessage().startsWith("days:"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokens.issue("ok", false, -1, false));
  }

  @Test
  void aRevokedTokenStopsWorkingWithinTheCacheLifetime() {
    String secret = tokens.issue("dave", false, 30, true).secret();
    Caller dave = tokens.verify(secret).orElseThrow();
    assertTrue(dave.mayRunCommands());
    String id = Tokens.hash(secret).substring(0, 16);
    Tokens otherMember = new Tokens(store, clock);
    assertTrue(otherMember.verify(secret).isPresent());

    assertTrue(tokens.revoke(id));

    assertTrue(tokens.verify(secret).isEmpty(), "at once on the member that revoked it");
    clock.advance(Tokens.REMEMBER);
    assertTrue(otherMember.verify(secret).isEmpty(), "within REMEMBER on every other");
    assertFalse(tokens.revoke(id), "gone");
    assertFalse(tokens.revoke("nope"));
  }

  @Test
  void wrongTokensAreRememberedSoAFloodDoesNotReachTheStore() {
    for (int i = 0; i < 1000; i++) {
      tokens.verify("hpf_wrong");
    }
    assertEquals(1, tokens.lookups(), "one store read for a thousand tries of one wrong token");
    clock.advance(Tokens.REMEMBER);
    tokens.verify("hpf_wrong");
    assertEquals(2, tokens.lookups());
  }

  @Test
  void aRegeneratedAdminTokenRevokesTheOldOne(@TempDir Path dir) throws Exception {
    Path file = AdminToken.ensure(dir, tokens);
    String old = Files.readString(file).strip();
    assertTrue(tokens.verify(old).orElseThrow().admin());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("admin.token.id"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals(old, Files.readString(AdminToken.ensure(dir, tokens)).strip(), "kept on restart");

    Files.delete(file);
    String regenerated = Files.readString(AdminToken.ensure(dir, tokens)).strip();

    clock.advance(Tokens.REMEMBER);
    assertTrue(tokens.verify(regenerated).orElseThrow().admin());
    assertTrue(tokens.verify(old).isEmpty(), "the old admin token is revoked");
  }

  @Test
  void theRateLimiterIsATokenBucket() {
    RateLimiter limiter = new RateLimiter(2, 3, clock);
    assertTrue(limiter.hasRoom("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertFalse(limiter.hasRoom("k"));
    assertFalse(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("other"), "buckets are per key");
    clock.advance(Duration.ofMillis(500));
    assertTrue(limiter.hasRoom("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertFalse(limiter.tryAcquire("k"));
  }
}
