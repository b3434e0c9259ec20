package org.hpofarm.master.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
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

  /** What an agent token may call: its lease, and report, heartbeat and tell of trials. */
  private static final Pattern AGENT_ROUTES =
      Pattern.compile(
          "/api/v1/agents/[^/]+/lease|/api/v1/studies/[^/]+/trials/\\d+/(report|heartbeat|tell)");

  /**
   * Route handler for {@code /api/v1/*}: reads {@code Authorization: Bearer <token>}. An agent
   * token gets 403 on every route but its lease and the report, heartbeat and tell of trials (whose
   * handlers check that the trial is its own).
   */
  void bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("Authorization: missing bearer token");
    }
    Caller caller = check(header.substring(7).strip());
    if (caller.isAgent()
        && !(ctx.request().method() == HttpMethod.POST
            && AGENT_ROUTES.matcher(ctx.normalizedPath()).matches())) {
      throw ApiException.forbidden(
          "token: an agent token may only lease and report, heartbeat and tell its own trials");
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }

  /** The caller of a token given in the path (Hopaas routes: users only). */
  Caller user(String token) {
    Caller caller = check(token);
    if (caller.isAgent()) {
      throw ApiException.forbidden("token: an agent token cannot use the Hopaas routes");
    }
    return caller;
  }

  /** The caller of a token, rate-limited. */
  private Caller check(String token) {
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
