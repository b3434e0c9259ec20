package org.hpofarm.master.api;

import io.vertx.ext.web.RoutingContext;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.auth.RateLimiter;
import org.hpofarm.master.auth.Tokens;

/**
 * Finds the caller of a request from its token (bearer header or Hopaas path) and rate-limits it.
 */
final class Authenticator {

  static final String CALLER = "caller";
  private final Tokens tokens;
  private final RateLimiter limiter;

  Authenticator(Tokens tokens, RateLimiter limiter) {
    this.tokens = tokens;
    this.limiter = limiter;
  }

  /** Route handler for {@code /api/v1/*}: reads {@code Authorization: Bearer <token>}. */
  void bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("Authorization: missing bearer token");
    }
    ctx.put(CALLER, check(header.substring(7).strip()));
    ctx.next();
  }

  /** The caller of a token given in the path (Hopaas routes). */
  Caller check(String token) {
    Caller caller =
        tokens
            .verify(token)
            .orElseThrow(() -> ApiException.unauthorized("token: unknown or expired"));
    if (!limiter.tryAcquire(caller.tokenHash())) {
      throw new ApiException(429, "rate_limited", "token: too many requests, slow down");
    }
    return caller;
  }

  static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }
}
