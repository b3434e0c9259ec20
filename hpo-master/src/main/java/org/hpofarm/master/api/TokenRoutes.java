package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import org.hpofarm.master.auth.Tokens;

/** {@code POST /api/v1/tokens} (admin): issues a token for a user, or for an agent. */
final class TokenRoutes {

  private final Tokens tokens;

  TokenRoutes(Tokens tokens) {
    this.tokens = tokens;
  }

  void create(RoutingContext ctx) {
    if (!Authenticator.caller(ctx).admin()) {
      throw ApiException.forbidden("tokens: only an admin may create tokens");
    }
    JsonNode body = Bodies.object(ctx);
    String agent = Bodies.text(body, "agent");
    if (agent != null) {
      JsonNode serves = body.get("serves");
      if (serves == null || !serves.isArray()) {
        throw ApiException.badRequest("serves: an array of user names, or [\"*\"] for all");
      }
      Set<String> users = new TreeSet<>();
      serves.forEach(u -> users.add(u.asText()));
      String token = tokens.issueAgent(agent, users, Bodies.intField(body, "days", 90));
      var out = Bodies.JSON.createObjectNode().put("token", token).put("agent", agent);
      users.forEach(out.putArray("serves")::add);
      Bodies.send(ctx, 201, out);
      return;
    }
    String user = Bodies.text(body, "user");
    if (user == null) {
      throw ApiException.badRequest("user: missing (or agent and serves for an agent token)");
    }
    boolean admin = body.path("admin").asBoolean(false);
    String token = tokens.issue(user, admin, Bodies.intField(body, "days", 90));
    Bodies.send(ctx, 201, Bodies.JSON.createObjectNode().put("token", token).put("user", user));
  }
}
