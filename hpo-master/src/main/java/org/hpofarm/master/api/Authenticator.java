package org.hpofarm.master.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.auth.RateLimiter;
import org.hpofarm.master.auth.Tokens;

/**
 * Finds the caller of a request from its token (bearer header or Hopaas path) and rate-limits it:
 * each token to its request rate, and each client address to {@link #FAILURE_BURST} failed
 * authentications, then one a second (429 beyond, without a token lookup), so that a guesser
 * neither finds a token nor reaches the store.
 */
final class Authenticator {

  static final String CALLER = "caller";

  /** Failed authentications a client address may make at once, before one a second. */
  static final int FAILURE_BURST = 20;

  private final Tokens tokens;
  private final RateLimiter limiter;
  private final RateLimiter failures;

  Authenticator(Tokens tokens, RateLimiter limiter, java.time.InstantSource clock) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.failures = new RateLimiter(1, FAILURE_BURST, clock);
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
    Caller caller = check(header.substring(7).strip(), address(ctx));
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
  Caller user(String token, RoutingContext ctx) {
    Caller caller = check(token, address(ctx));
    if (caller.isAgent()) {
      throw ApiException.forbidden("token: an agent token cannot use the Hopaas routes");
    }
    return caller;
  }

  /** The caller of a token, rate-limited; {@code address} is the client's. */
  private Caller check(String token, String address) {
    if (!failures.hasRoom(address)) {
      throw tooManyFailures();
    }
    Caller caller = tokens.verify(token).orElse(null);
    if (caller == null) {
      throw failures.tryAcquire(address)
          ? ApiException.unauthorized("token: unknown or expired")
          : tooManyFailures();
    }
    if (!limiter.tryAcquire(caller.tokenHash())) {
      throw new ApiException(429, "rate_limited", "token: too many requests, slow down");
    }
    return caller;
  }

  private static ApiException tooManyFailures() {
    return new ApiException(
        429, "rate_limited", "token: too many failed authentications from this address, slow down");
  }

  private static String address(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return remote == null ? "" : remote.hostAddress();
  }

  static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }
}
