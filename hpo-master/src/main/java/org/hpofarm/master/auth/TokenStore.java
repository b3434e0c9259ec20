package org.hpofarm.master.auth;

import java.util.List;
import java.util.Optional;

/** Where token records live, keyed by the hash of the secret. */
public interface TokenStore {

  void putToken(TokenRecord token);

  Optional<TokenRecord> token(String hash);

  /** Every stored token (a few per user: small). */
  List<TokenRecord> tokens();

  /** Removes a token; false when there was none. */
  boolean deleteToken(String hash);
}
