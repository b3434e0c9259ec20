package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request bodies the API reads, each a record read once at the edge with every field checked (a
 * bad one is a 400 naming it), so that a route makes one service call with typed values.
 */
final class Requests {

  private Requests() {}

  /** The body of ask: how many trials, and the worker that asks (optional). */
  record Ask(int count, String worker) {
    static Ask fromJson(JsonNode body) {
      return new Ask(intField(body, "count", 1), text(body, "worker"));
    }
  }

  /** The body of report: an intermediate value at a step. */
  record Report(int step, double value) {
    static Report fromJson(JsonNode body) {
      JsonNode step = body.get("step");
      if (step == null || !step.isIntegralNumber() || !step.canConvertToInt()) {
        throw ApiException.badRequest("step: must be an integer, got " + step);
      }
      return new Report(step.intValue(), number(body, "value"));
    }
  }

  /** The body of enqueue: the parameters of the trial to run next. */
  record Enqueue(Map<String, Object> params) {
    @SuppressWarnings("unchecked")
    static Enqueue fromJson(JsonNode body) {
      JsonNode params = body.get("params");
      if (params == null || !params.isObject()) {
        throw ApiException.badRequest("params: must be an object from parameter name to value");
      }
      return new Enqueue(Bodies.JSON.convertValue(params, Map.class));
    }
  }

  /**
   * The body of a token creation: a user's token ({@code user}, {@code admin}, {@code
   * mayRunCommands}) or an agent's ({@code agent}, {@code serves}); {@code days} is null when it
   * never expires.
   */
  record NewToken(
      String user,
      boolean admin,
      boolean mayRunCommands,
      String agent,
      Set<String> serves,
      Integer days) {

    static final int DEFAULT_DAYS = 90;

    static NewToken fromJson(JsonNode body) {
      boolean never = bool(body, "neverExpires");
      if (never && body.hasNonNull("days")) {
        throw ApiException.badRequest("days: not with neverExpires");
      }
      Integer days = never ? null : intField(body, "days", DEFAULT_DAYS);
      String agent = text(body, "agent");
      if (agent != null) {
        return new NewToken(null, false, false, agent, serves(body), days);
      }
      String user = text(body, "user");
      if (user == null) {
        throw ApiException.badRequest("user: missing (or agent and serves for an agent token)");
      }
      return new NewToken(
          user, bool(body, "admin"), bool(body, "mayRunCommands"), null, Set.of(), days);
    }

    private static Set<String> serves(JsonNode body) {
      JsonNode serves = body.get("serves");
      if (serves == null || !serves.isArray()) {
        throw ApiException.badRequest("serves: an array of user names, or [\"*\"] for all");
      }
      Set<String> users = new TreeSet<>();
      for (JsonNode u : serves) {
        if (!u.isTextual()) {
          throw ApiException.badRequest("serves: user names are strings, got " + u);
        }
        users.add(u.textValue());
      }
      return users;
    }
  }

  /** The trial a Hopaas body names as {@code "<study>:<trial>"}. */
  record HopaasTrial(String study, int number) {
    static HopaasTrial fromJson(JsonNode body) {
      return parse(Requests.text(body, "hopaas_trial"));
    }

    /** Reads {@code "<study>:<trial>"}, as in a body or the query of best_trial. */
    static HopaasTrial parse(String text) {
      if (text == null) {
        throw ApiException.badRequest("hopaas_trial: missing (\"<study>:<trial>\")");
      }
      int colon = text.lastIndexOf(':');
      if (colon < 1) {
        throw ApiException.badRequest(
            "hopaas_trial: must be \"<study>:<trial>\", got '" + text + "'");
      }
      try {
        return new HopaasTrial(
            text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("hopaas_trial: trial must be an integer, got '" + text + "'");
      }
    }

    /** The trial as Hopaas names it. */
    String text() {
      return study + ":" + number;
    }
  }

  /** The body of Hopaas's tell and should_prune: a trial's loss, at a step for should_prune. */
  record HopaasLoss(HopaasTrial trial, double loss, int step) {
    static HopaasLoss fromJson(JsonNode body) {
      return new HopaasLoss(
          HopaasTrial.fromJson(body), number(body, "loss"), intField(body, "step", 0));
    }
  }

  /** The body of Hopaas's mark_as_failed: a trial and its error ("failed" when none is given). */
  record HopaasFailure(HopaasTrial trial, String error) {
    static HopaasFailure fromJson(JsonNode body) {
      String error = text(body, "error");
      return new HopaasFailure(HopaasTrial.fromJson(body), error == null ? "failed" : error);
    }
  }

  /** An optional integer field of a body. */
  static int intField(JsonNode body, String field, int dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.badRequest(field + ": must be an integer, got " + v);
    }
    return v.intValue();
  }

  /** A required number field of a body. */
  static double number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest(field + ": missing");
    }
    if (!v.isNumber()) {
      throw ApiException.badRequest(field + ": must be a number, got " + v);
    }
    return v.doubleValue();
  }

  /** An optional boolean field (false when absent); anything but true or false is a 400. */
  static boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(field + ": must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  /** An optional string field of a body. */
  static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field + ": must be a string, got " + v);
    }
    return v.textValue();
  }
}
