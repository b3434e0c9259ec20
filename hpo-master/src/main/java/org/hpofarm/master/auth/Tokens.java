package org.hpofarm.master.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Issues, checks and revokes API tokens. A token is 32 random bytes (base64url, prefixed {@code
 * hpf_}); only its SHA-256 is stored, so a stolen database gives no usable token. A token's id is
 * the start of that hash: shown at creation and used to revoke it.
 *
 * <p>Lookups are remembered for {@link #REMEMBER} on this member, found and not found alike, so
 * that neither a busy client nor a flood of wrong tokens costs a store read per request; a
 * revocation therefore takes effect on every member within that time.
 */
public final class Tokens {

  /**
   * How long a lookup is remembered: the most a revoked token goes on working on another member.
   */
  public static final Duration REMEMBER = Duration.ofSeconds(10);

  /** The user of the admin token, which no other token may take. */
  public static final String ADMIN = "admin";

  private static final Pattern USER = Pattern.compile("[a-z0-9._@-]{1,64}");
  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
  private static final int MAX_REMEMBERED = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenStore store;
  private final InstantSource clock;
  private final Map<String, Lookup> recent = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.LongAdder lookups =
      new java.util.concurrent.atomic.LongAdder();

  /** A lookup: the record found, or null for an unknown hash. */
  private record Lookup(TokenRecord token, Instant at) {}

  /** A new token: its record and the secret, shown once. */
  public record Issued(TokenRecord token, String secret) {

    public String id() {
      return token.id();
    }
  }

  public Tokens(TokenStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The canonical form of a user name: lower case; 1 to 64 letters, digits or {@code ._@-}. Throws
   * naming {@code field}.
   */
  public static String userName(String user, String field) {
    String name = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    if (!USER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          field + ": 1 to 64 letters, digits or ._@- characters, got '" + user + "'");
    }
    return name;
  }

  /**
   * A new token for {@code user} (normalised by {@link #userName}; {@code admin} is the admin
   * token's own name), valid for {@code days} (1 to 3650; null: it never expires), allowed to
   * create {@code command} studies when {@code mayRunCommands}.
   */
  public Issued issue(String user, boolean admin, Integer days, boolean mayRunCommands) {
    String name = userName(user, "user");
    if (name.equals(ADMIN)) {
      throw new IllegalArgumentException(
          "user: 'admin' is the admin token's own name; give a named user \"admin\": true");
    }
    String secret = newSecret();
    TokenRecord t =
        new TokenRecord(hash(secret), name, admin, expiry(days), null, Set.of(), mayRunCommands);
    store.putToken(t);
    return new Issued(t, secret);
  }

  /**
   * A new token for agent {@code agent}, running the trials of the users in {@code serves} ({@code
   * *}: every user), valid for {@code days} (null: never expires). Its user is {@code
   * agent/<name>}, which no user name can be.
   */
  public Issued issueAgent(String agent, Set<String> serves, Integer days) {
    if (agent == null || !AGENT.matcher(agent).matches()) {
      throw new IllegalArgumentException(
          "agent: 1 to 128 letters, digits or ._@:- characters, got '" + agent + "'");
    }
    if (serves.isEmpty()) {
      throw new IllegalArgumentException("serves: name the users it runs trials of, or *");
    }
    Set<String> users = new java.util.TreeSet<>();
    for (String user : serves) {
      users.add(user.equals("*") ? "*" : userName(user, "serves"));
    }
    String secret = newSecret();
    TokenRecord t =
        new TokenRecord(hash(secret), "agent/" + agent, false, expiry(days), agent, users, false);
    store.putToken(t);
    return new Issued(t, secret);
  }

  private Instant expiry(Integer days) {
    if (days == null) {
      return null;
    }
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException(
          "days: must be in [1, 3650], got " + days + " (a token that never expires: say so)");
    }
    return clock.instant().plus(Duration.ofDays(days));
  }

  /** A fresh secret: 32 random bytes, base64url, prefixed {@code hpf_}. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "hpf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Stores the admin token read back from its file (it never expires); returns its id. */
  public String registerAdmin(String secret) {
    TokenRecord t = new TokenRecord(hash(secret), ADMIN, true, null);
    store.putToken(t);
    recent.remove(t.hash());
    return t.id();
  }

  /** Every token, as records (no secrets: they are not stored). */
  public List<TokenRecord> list() {
    return store.tokens();
  }

  /**
   * Revokes the token with this id; false when none has it. Other members stop accepting it within
   * {@link #REMEMBER}.
   */
  public boolean revoke(String id) {
    if (id == null || id.length() != TokenRecord.ID_LENGTH) {
      return false;
    }
    boolean revoked = false;
    for (TokenRecord t : store.tokens()) {
      if (t.id().equals(id)) {
        revoked |= store.deleteToken(t.hash());
        recent.remove(t.hash());
      }
    }
    return revoked;
  }

  /** The caller a secret stands for, if it is a known, unexpired token. */
  public Optional<Caller> verify(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 256) {
      return Optional.empty();
    }
    String hash = hash(secret);
    Instant now = clock.instant();
    Lookup seen = recent.get(hash);
    if (seen == null || !now.isBefore(seen.at().plus(REMEMBER)) || now.isBefore(seen.at())) {
      if (recent.size() >= MAX_REMEMBERED) {
        recent.clear();
      }
      lookups.increment();
      seen = new Lookup(store.token(hash).orElse(null), now);
      recent.put(hash, seen);
    }
    TokenRecord token = seen.token();
    return token != null && token.validAt(now) ? Optional.of(Caller.of(token)) : Optional.empty();
  }

  /** How many times a token was looked up in the store (the rest came from memory). */
  public long lookups() {
    return lookups.sum();
  }

  /** What the store keeps of a token: the hex SHA-256 of its secret. */
  public static String hash(String secret) {
    return Sha256.hex(secret);
  }
}
