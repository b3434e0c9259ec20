package org.hpofarm.master.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues and checks API tokens. A token is 32 random bytes (base64url, prefixed {@code hpf_}); only
 * its SHA-256 is stored, so a stolen database gives no usable token.
 */
public final class Tokens {

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private final TokenStore store;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  public Tokens(TokenStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A new token for {@code user}, valid for {@code days} (0: no expiry). Returns the secret. */
  public String issue(String user, boolean admin, int days) {
    if (user == null || !USER.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "user: 1 to 64 letters, digits or ._@- characters, got '" + user + "'");
    }
    if (days < 0 || days > 3650) {
      throw new IllegalArgumentException("days: must be in [0, 3650], got " + days);
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = "hpf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    register(secret, user, admin, days);
    return secret;
  }

  /** Stores the hash of an existing secret (the admin token read back from its file). */
  public void register(String secret, String user, boolean admin, int days) {
    store.putToken(
        new TokenRecord(
            hash(secret),
            user,
            admin,
            days == 0 ? null : clock.instant().plus(Duration.ofDays(days))));
  }

  /** The caller a secret stands for, if it is a known, unexpired token. */
  public Optional<Caller> verify(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 256) {
      return Optional.empty();
    }
    String hash = hash(secret);
    return store
        .token(hash)
        .filter(t -> t.validAt(clock.instant()))
        .map(t -> new Caller(t.user(), t.admin(), hash));
  }

  public static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
