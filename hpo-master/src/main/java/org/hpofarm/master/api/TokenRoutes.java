package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import org.hpofarm.master.auth.Tokens;

/** {@code POST /api/v1/tokens} (admin): issues a token for a user. */
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
    String user = Bodies.text(body, "user");
    if (user == null) {
      throw ApiException.badRequest("user: missing");
    }
    boolean admin = body.path("admin").asBoolean(false);
    String token = tokens.issue(user, admin, Bodies.intField(body, "days", 90));
    Bodies.send(ctx, 201, Bodies.JSON.createObjectNode().put("token", token).put("user", user));
  }
}
