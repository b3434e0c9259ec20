package org.hpofarm.master.auth;

import java.time.Instant;

/**
 * An API token as stored: the SHA-256 of the secret (never the secret), its user, whether it is an
 * admin token, and when it expires (null: never).
 */
public record TokenRecord(String hash, String user, boolean admin, Instant expires) {

  public boolean validAt(Instant now) {
    return expires == null || now.isBefore(expires);
  }
}
