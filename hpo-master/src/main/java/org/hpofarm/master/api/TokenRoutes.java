package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import org.hpofarm.master.auth.TokenRecord;
import org.hpofarm.master.auth.Tokens;

/**
 * {@code /api/v1/tokens} (admin only): issue a token for a user or an agent, list tokens (their
 * ids, never secrets) and revoke one by id.
 */
final class TokenRoutes {

  private final Tokens tokens;

  TokenRoutes(Tokens tokens) {
    this.tokens = tokens;
  }

  void create(RoutingContext ctx) {
    adminOnly(ctx);
    var request = Requests.NewToken.fromJson(Bodies.object(ctx));
    Tokens.Issued issued =
        request.agent() != null
            ? tokens.issueAgent(request.agent(), request.serves(), request.days())
            : tokens.issue(
                request.user(), request.admin(), request.days(), request.mayRunCommands());
    Bodies.send(ctx, 201, json(issued.token()).put("token", issued.secret()));
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
