package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Set;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.study.Study;
import org.hpofarm.weekly.WeeklyBuild;
import org.hpofarm.weekly.repository.RepositorySpec;

/**
 * The weekly build's routes: {@code /api/v1/repositories} (admin: register, list, show, change,
 * remove, force a campaign), {@code /hooks/{forge}} (webhook deliveries, checked by their
 * signature, not by a token) and {@code /api/v1/campaigns} (every campaign for an admin, those of
 * one's own studies for a user).
 */
final class WeeklyRoutes {

  private static final Set<String> FORGES = Set.of("github", "gitlab", "gitea");

  private final WeeklyBuild weekly;
  private final StudyService studies;

  WeeklyRoutes(WeeklyBuild weekly, StudyService studies) {
    this.weekly = weekly;
    this.studies = studies;
  }

  void register(RoutingContext ctx) {
    Caller caller = adminOnly(ctx);
    RepositorySpec r = RepositorySpec.fromJson(Bodies.object(ctx), caller.user());
    if (weekly.repository(r.name()).isPresent()) {
      throw new IllegalStateException(
          "name: repository '" + r.name() + "' is registered already (PUT changes it)");
    }
    weekly.register(r);
    Bodies.send(ctx, 201, r.toJson());
  }

  void list(RoutingContext ctx) {
    adminOnly(ctx);
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("repositories");
    weekly.repositories().forEach(r -> arr.add(r.toJson()));
    Bodies.ok(ctx, out);
  }

  void show(RoutingContext ctx) {
    adminOnly(ctx);
    Bodies.ok(ctx, found(ctx).toJson());
  }

  /** Replaces a registration; a body without {@code secret} keeps the one registered. */
  void change(RoutingContext ctx) {
    Caller caller = adminOnly(ctx);
    RepositorySpec old = found(ctx);
    ObjectNode body = ((ObjectNode) Bodies.object(ctx)).deepCopy();
    if (body.has("name") && !body.path("name").asText().equals(old.name())) {
      throw ApiException.badRequest("name: a repository keeps its name ('" + old.name() + "')");
    }
    body.put("name", old.name());
    if (!body.has("secret") && old.secret() != null) {
      body.put("secret", old.secret());
    }
    if (!body.has("owner")) {
      body.put("owner", old.owner());
    }
    RepositorySpec r = RepositorySpec.fromJson(body, caller.user());
    weekly.register(r);
    Bodies.ok(ctx, r.toJson());
  }

  void remove(RoutingContext ctx) {
    adminOnly(ctx);
    String name = ctx.pathParam("name");
    if (!weekly.remove(name)) {
      throw ApiException.notFound("repository '" + name + "' not found");
    }
    ctx.response().setStatusCode(204).end();
  }

  /** Starts a campaign now ({@code {"force": true}}), whatever changed. */
  void force(RoutingContext ctx) {
    adminOnly(ctx);
    RepositorySpec r = found(ctx);
    JsonNode force = Bodies.object(ctx).get("force");
    if (force == null || !force.isBoolean() || !force.booleanValue()) {
      throw ApiException.badRequest("force: must be true (a campaign started now)");
    }
    try {
      Bodies.send(ctx, 201, weekly.force(r.name()).toJson());
    } catch (IOException e) {
      throw new IllegalStateException("url: cannot fetch " + r.url() + " (" + e.getMessage() + ")");
    }
  }

  /** A webhook delivery: 202 at once (the mirror is fetched in the background). */
  void hook(RoutingContext ctx) {
    String forge = ctx.pathParam("forge");
    if (!FORGES.contains(forge)) {
      throw ApiException.notFound("hooks: no forge '" + forge + "' (github, gitlab, gitea)");
    }
    byte[] body = ctx.body() == null ? new byte[0] : ctx.body().buffer().getBytes();
    WeeklyBuild.Receipt receipt =
        weekly.receive(forge, ctx.request().getParam("repository"), ctx.request()::getHeader, body);
    Bodies.send(
        ctx, 202, Bodies.JSON.createObjectNode().put("receipt", receipt.name().toLowerCase()));
  }

  void campaigns(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("campaigns");
    for (ObjectNode c : weekly.campaigns()) {
      String study = c.path("study").asText(null);
      boolean own =
          study != null
              && studies.find(study).map(Study::owner).filter(caller.user()::equals).isPresent();
      if (caller.admin() || own) {
        arr.add(c);
      }
    }
    Bodies.ok(ctx, out);
  }

  private RepositorySpec found(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    return weekly
        .repository(name)
        .orElseThrow(() -> ApiException.notFound("repository '" + name + "' not found"));
  }

  private static Caller adminOnly(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    if (!caller.admin()) {
      throw ApiException.forbidden("repositories: only an admin may register repositories");
    }
    return caller;
  }
}
