package org.hpofarm.master.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/** Reading JSON request bodies (whatever their content type) and writing JSON answers. */
final class Bodies {

  static final ObjectMapper JSON =
      new ObjectMapper().configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);

  private Bodies() {}

  /** The body as JSON; an empty body is an empty object. */
  static JsonNode json(RoutingContext ctx) {
    var body = ctx.body();
    if (body == null || body.length() == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(body.buffer().getBytes());
      return n == null ? JSON.createObjectNode() : n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("body: unreadable");
    }
  }

  /** The body as a JSON object. */
  static JsonNode object(RoutingContext ctx) {
    JsonNode n = json(ctx);
    if (!n.isObject()) {
      throw ApiException.badRequest("body: must be a JSON object");
    }
    return n;
  }

  static void send(RoutingContext ctx, int status, JsonNode body) {
    send(ctx, status, body.toString());
  }

  /** Sends JSON text already written. */
  static void send(RoutingContext ctx, int status, String json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }

  static void ok(RoutingContext ctx, JsonNode body) {
    send(ctx, 200, body);
  }

  /** An integer query parameter with a default; a bad one is a 400 naming it. */
  static int query(RoutingContext ctx, String name, int dflt) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": must be an integer, got '" + v + "'");
    }
  }

  /** The trial number in the path. */
  static int trialNumber(RoutingContext ctx) {
    String v = ctx.pathParam("n");
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("n: trial number must be an integer, got '" + v + "'");
    }
  }
}
