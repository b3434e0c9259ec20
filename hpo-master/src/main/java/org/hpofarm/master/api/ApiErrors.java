package org.hpofarm.master.api;

import io.vertx.ext.web.RoutingContext;
import org.hpofarm.master.farm.AgentRefused;
import org.hpofarm.master.study.StudyNotFound;
import org.hpofarm.master.study.TrialNotFound;
import org.hpofarm.master.trial.TrialAlreadyFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: {@code {"error": code, "message": ...}} with
 * 400 for invalid input, 401, 403, 404, 409 for conflicts with a trial's state, 413 and 429. Only a
 * genuine fault of the master is a 500, and its answer carries no stack trace.
 */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

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
      case IllegalArgumentException e -> new Answer(400, "invalid", e.getMessage());
      case IllegalStateException e -> new Answer(409, "conflict", e.getMessage());
      default -> {
        LOG.error("request failed", failure);
        yield new Answer(500, "internal", "internal error: " + failure.getClass().getSimpleName());
      }
    };
  }

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Answer a = answer(ctx.failure(), ctx.statusCode());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    var body = Bodies.JSON.createObjectNode().put("error", a.code()).put("message", a.message());
    ctx.response()
        .setStatusCode(a.status())
        .putHeader("Content-Type", "application/json")
        .end(body.toString());
  }
}
