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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Issues and checks API tokens. A token is 32 random bytes (base64url, prefixed {@code hpf_}); only
 * its SHA-256 is stored, so a stolen database gives no usable token.
 */
public final class Tokens {

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
  private final TokenStore store;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  /** Tokens found recently, so that a busy client does not cost a cluster lookup per request. */
  private final java.util.Map<String, Found> recent =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final Duration REMEMBER = Duration.ofSeconds(10);

  private record Found(TokenRecord token, java.time.Instant at) {}

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
    String secret = secret();
    register(secret, user, admin, days);
    return secret;
  }

  /**
   * A new token for agent {@code agent}, running the trials of the users in {@code serves} ({@code
   * *}: every user), valid for {@code days}. Returns the secret. Its user is {@code agent/<name>},
   * which no user name can be.
   */
  public String issueAgent(String agent, Set<String> serves, int days) {
    if (agent == null || !AGENT.matcher(agent).matches()) {
      throw new IllegalArgumentException(
          "agent: 1 to 128 letters, digits or ._@:- characters, got '" + agent + "'");
    }
    if (serves.isEmpty()) {
      throw new IllegalArgumentException("serves: name the users it runs trials of, or *");
    }
    for (String user : serves) {
      if (!user.equals("*") && !USER.matcher(user).matches()) {
        throw new IllegalArgumentException("serves: not a user name: '" + user + "'");
      }
    }
    if (days < 0 || days > 3650) {
      throw new IllegalArgumentException("days: must be in [0, 3650], got " + days);
    }
    String secret = secret();
    store.putToken(
        new TokenRecord(
            hash(secret),
            "agent/" + agent,
            false,
            days == 0 ? null : clock.instant().plus(Duration.ofDays(days)),
            agent,
            serves));
    return secret;
  }

  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "hpf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
    java.time.Instant now = clock.instant();
    Found found = recent.get(hash);
    TokenRecord token;
    if (found != null && now.isBefore(found.at().plus(REMEMBER)) && !now.isBefore(found.at())) {
      token = found.token();
    } else {
      token = store.token(hash).orElse(null);
      if (token == null) {
        recent.remove(hash);
        return Optional.empty();
      }
      if (recent.size() > 10_000) {
        recent.clear();
      }
      recent.put(hash, new Found(token, now));
    }
    return token.validAt(now)
        ? Optional.of(new Caller(token.user(), token.admin(), hash, token.agent(), token.serves()))
        : Optional.empty();
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
