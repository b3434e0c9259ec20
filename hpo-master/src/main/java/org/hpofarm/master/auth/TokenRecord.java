package org.hpofarm.master.auth;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: the SHA-256 of the secret (never the secret), its user, whether it is an
 * admin token, when it expires (null: never), and for an agent token the agent it names and the
 * users whose trials it runs.
 *
 * @param agent the agent an agent token belongs to, or null for a user's token
 * @param serves the users an agent token runs trials of ({@code *}: every user); empty otherwise
 */
public record TokenRecord(
    String hash, String user, boolean admin, Instant expires, String agent, Set<String> serves) {

  public TokenRecord {
    serves = Set.copyOf(serves);
  }

  /** A user's (or the admin's) token. */
  public TokenRecord(String hash, String user, boolean admin, Instant expires) {
    this(hash, user, admin, expires, null, Set.of());
  }

  public boolean validAt(Instant now) {
    return expires == null || now.isBefore(expires);
  }
}
