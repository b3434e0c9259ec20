package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import org.hpofarm.master.auth.TokenRecord;
import org.hpofarm.master.auth.Tokens;

/**
 * {@code /api/v1/tokens} (admin only): issue a token for a user or an agent, list tokens (their
 * ids, never secrets) and revoke one by id.
 */
final class TokenRoutes {

  private static final int DEFAULT_DAYS = 90;
  private final Tokens tokens;

  TokenRoutes(Tokens tokens) {
    this.tokens = tokens;
  }

  void create(RoutingContext ctx) {
    adminOnly(ctx);
    JsonNode body = Bodies.object(ctx);
    Integer days = days(body);
    String agent = Bodies.text(body, "agent");
    if (agent != null) {
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
      Bodies.send(ctx, 201, issued(tokens.issueAgent(agent, users, days)));
      return;
    }
    String user = Bodies.text(body, "user");
    if (user == null) {
      throw ApiException.badRequest("user: missing (or agent and serves for an agent token)");
    }
    Tokens.Issued issued =
        tokens.issue(user, Bodies.bool(body, "admin"), days, Bodies.bool(body, "mayRunCommands"));
    Bodies.send(ctx, 201, issued(issued));
  }

  void list(RoutingContext ctx) {
    adminOnly(ctx);
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("tokens");
    tokens.list().stream()
        .sorted(java.util.Comparator.comparing(TokenRecord::user).thenComparing(TokenRecord::id))
        .forEach(t -> arr.add(json(t)));
    Bodies.ok(ctx, out);
  }

  void revoke(RoutingContext ctx) {
    adminOnly(ctx);
    String id = ctx.pathParam("id");
    if (!tokens.revoke(id)) {
      throw ApiException.notFound("token '" + id + "' not found");
    }
    ctx.response().setStatusCode(204).end();
  }

  private static void adminOnly(RoutingContext ctx) {
    if (!Authenticator.caller(ctx).admin()) {
      throw ApiException.forbidden("tokens: only an admin may manage tokens");
    }
  }

  /** {@code days} (1 to 3650, default 90), or null when {@code "neverExpires": true}. */
  private static Integer days(JsonNode body) {
    boolean never = Bodies.bool(body, "neverExpires");
    if (never && body.hasNonNull("days")) {
      throw ApiException.badRequest("days: not with neverExpires");
    }
    return never ? null : Bodies.intField(body, "days", DEFAULT_DAYS);
  }

  /** A new token as the creation answers it: its record and, this once, its secret. */
  private static ObjectNode issued(Tokens.Issued issued) {
    return json(issued.token()).put("token", issued.secret());
  }

  private static ObjectNode json(TokenRecord t) {
    ObjectNode n =
        Bodies.JSON
            .createObjectNode()
            .put("id", t.id())
            .put("user", t.user())
            .put("admin", t.admin())
            .put("mayRunCommands", t.mayRunCommands());
    if (t.expires() == null) {
      n.putNull("expires");
    } else {
      n.put("expires", t.expires().toString());
    }
    if (t.agent() != null) {
      n.put("agent", t.agent());
      t.serves().stream().sorted().forEach(n.putArray("serves")::add);
    }
    return n;
  }
}
