package org.hpofarm.master.api;

import io.vertx.ext.web.RoutingContext;
import org.hpofarm.master.farm.AgentRefused;
import org.hpofarm.master.store.StoreFailed;
import org.hpofarm.master.store.StoreUnavailable;
import org.hpofarm.master.study.StudyNotFound;
import org.hpofarm.master.study.TrialNotFound;
import org.hpofarm.master.trial.TrialAlreadyFinished;
import org.hpofarm.weekly.WeeklyBuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: {@code {"error": code, "message": ...}} with
 * 400 for invalid input, 401, 403, 404, 409 for conflicts with a trial's state, 413, 429, and 503
 * with {@code Retry-After} while the database does not answer. Anything else is a 500 whose answer
 * carries only an error id; the failure is logged with that id and its stack trace, so no internal
 * message or SQL reaches a client.
 */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** Seconds a client is told to wait before trying again after a 503. */
  static final int RETRY_AFTER_SECONDS = 2;

  /** The status, code and message for a failure. */
  public record Answer(int status, String code, String message) {}

  public static Answer answer(Throwable failure, int statusCode) {
    if (failure == null) {
      return switch (statusCode) {
        case 404 -> new Answer(404, "not_found", "no such route");
        case 405 -> new Answer(405, "method_not_allowed", "method not allowed on this route");
        case 413 -> new Answer(413, "too_large", "body: larger than the limit");
        case 400 -> new Answer(400, "invalid", "bad request");
        default -> new Answer(statusCode < 400 ? 500 : statusCode, "error", "request failed");
      };
    }
    return switch (failure) {
      case ApiException e -> new Answer(e.status(), e.code(), e.getMessage());
      case StudyNotFound e -> new Answer(404, "not_found", e.getMessage());
      case AgentRefused e -> new Answer(403, "forbidden", e.getMessage());
      case TrialNotFound e -> new Answer(404, "not_found", e.getMessage());
      case TrialAlreadyFinished e -> new Answer(409, "conflict", e.getMessage());
      case WeeklyBuild.Unauthorized e -> new Answer(401, "unauthorized", e.getMessage());
      case WeeklyBuild.CampaignExists e -> new Answer(409, "conflict", e.getMessage());
      case IllegalArgumentException e -> new Answer(400, "invalid", e.getMessage());
      case StoreUnavailable e ->
          new Answer(503, "unavailable", "store: the database does not answer; try again shortly");
      case StoreFailed e -> internal(failure);
      case IllegalStateException e -> new Answer(409, "conflict", e.getMessage());
      default -> internal(failure);
    };
  }

  private static Answer internal(Throwable failure) {
    String id = java.util.UUID.randomUUID().toString().substring(0, 8);
    LOG.error("request failed, error id {}", id, failure);
    return new Answer(500, "internal", "internal error; its id in the master's log: " + id);
  }

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Answer a = answer(ctx.failure(), ctx.statusCode());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    var body = Bodies.JSON.createObjectNode().put("error", a.code()).put("message", a.message());
    if (a.status() == 503) {
      ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
    ctx.response()
        .setStatusCode(a.status())
        .putHeader("Content-Type", "application/json")
        .end(body.toString());
  }
}
