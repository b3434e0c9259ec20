package org.hpofarm.master.auth;

import java.util.Optional;

/** Where token records live, keyed by the hash of the secret. */
public interface TokenStore {

  void putToken(TokenRecord token);

  Optional<TokenRecord> token(String hash);
}
