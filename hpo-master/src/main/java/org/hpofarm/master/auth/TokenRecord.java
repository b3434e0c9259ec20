package org.hpofarm.master.auth;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: the SHA-256 of the secret (never the secret), its user, whether it is an
 * admin token, when it expires (null: never), for an agent token the agent it names and the users
 * whose trials it runs, and whether its user may create {@code command} studies.
 *
 * @param agent the agent an agent token belongs to, or null for a user's token
 * @param serves the users an agent token runs trials of ({@code *}: every user); empty otherwise
 * @param mayRunCommands whether the user may create studies whose trials run a command line
 */
public record TokenRecord(
    String hash,
    String user,
    boolean admin,
    Instant expires,
    String agent,
    Set<String> serves,
    boolean mayRunCommands) {

  /** Hex digits of the hash that make a token's id. */
  public static final int ID_LENGTH = 16;

  public TokenRecord {
    serves = Set.copyOf(serves);
  }

  /** A user's (or the admin's) token. */
  public TokenRecord(String hash, String user, boolean admin, Instant expires) {
    this(hash, user, admin, expires, null, Set.of(), false);
  }

  /** An agent token. */
  public TokenRecord(
      String hash, String user, boolean admin, Instant expires, String agent, Set<String> serves) {
    this(hash, user, admin, expires, agent, serves, false);
  }

  /** The token's id: the start of its hash, which names it (to revoke it) but opens nothing. */
  public String id() {
    return hash.substring(0, Math.min(ID_LENGTH, hash.length()));
  }

  public boolean validAt(Instant now) {
    return expires == null || now.isBefore(expires);
  }
}
