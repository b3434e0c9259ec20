package org.hpofarm.master.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hpofarm.master.dashboard.DashboardRoutes;
import org.hpofarm.weekly.WeeklyBuild;

/**
 * The master's HTTP API. Every route is declared here, in {@link #start()}, as a method reference
 * to the handler that serves it; failures go to {@link ApiErrors}. Deployed on virtual threads, so
 * handlers read top to bottom and may block on the cluster and the database.
 */
public final class ApiVerticle extends VerticleBase {

  private final ApiSettings settings;
  private final Routes routes;
  private HttpServer server;
  private Router router;

  /** The handlers the routes point at. */
  record Routes(
      Authenticator auth,
      StudyRoutes studies,
      TrialRoutes trials,
      TokenRoutes tokens,
      HopaasRoutes hopaas,
      OpsRoutes ops,
      Handler<RoutingContext> metrics,
      FarmRoutes farm,
      WeeklyRoutes weekly,
      DashboardRoutes dashboard) {}

  ApiVerticle(ApiSettings settings, Routes routes) {
    this.settings = settings;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    router = router();
    HttpServerOptions options =
        new HttpServerOptions().setHost(settings.host()).setPort(settings.port());
    if (settings.tls() != null) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new io.vertx.core.net.PemKeyCertOptions()
                  .setCertPath(settings.tls().cert().toString())
                  .setKeyPath(settings.tls().key().toString()));
    }
    server = vertx.createHttpServer(options);
    return server.requestHandler(router).listen();
  }

  Router router() {
    Router r = Router.router(vertx);
    var auth = routes.auth();
    var studies = routes.studies();
    var trials = routes.trials();
    var hopaas = routes.hopaas();
    var ops = routes.ops();

    r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes()));
    r.route("/hooks/*").handler(BodyHandler.create(false).setBodyLimit(WeeklyBuild.MAX_BODY));

    r.get("/health").handler(ops::health);
    r.get("/metrics").handler(routes.metrics());
    r.get("/api/v1/openapi.json").handler(ops::openapi);
    r.get("/").handler(routes.dashboard()::page);
    r.getWithRegex("/dashboard/.+").handler(routes.dashboard()::asset);

    r.route("/api/v1/*").handler(auth::bearer);
    r.post("/api/v1/tokens").handler(routes.tokens()::create);
    r.get("/api/v1/tokens").handler(routes.tokens()::list);
    r.delete("/api/v1/tokens/:id").handler(routes.tokens()::revoke);
    r.post("/api/v1/studies").handler(studies::create);
    r.get("/api/v1/studies").handler(studies::list);
    r.get("/api/v1/studies/:id").handler(studies::show);
    r.delete("/api/v1/studies/:id").handler(studies::delete);
    r.post("/api/v1/studies/:id/ask").handler(trials::ask);
    r.post("/api/v1/studies/:id/trials").handler(trials::enqueue);
    r.get("/api/v1/studies/:id/trials").handler(trials::list);
    r.post("/api/v1/studies/:id/trials/:n/report").handler(trials::report);
    r.post("/api/v1/studies/:id/trials/:n/heartbeat").handler(trials::heartbeat);
    r.post("/api/v1/studies/:id/trials/:n/tell").handler(trials::tell);
    r.get("/api/v1/studies/:id/best").handler(trials::best);
    r.post("/api/v1/agents/:agent/lease").handler(routes.farm()::lease);
    r.get("/api/v1/farm").handler(routes.farm()::show);
    r.get("/api/v1/farm/windows").handler(routes.farm()::windows);
    var weekly = routes.weekly();
    r.post("/api/v1/repositories").handler(weekly::register);
    r.get("/api/v1/repositories").handler(weekly::list);
    r.get("/api/v1/repositories/:name").handler(weekly::show);
    r.put("/api/v1/repositories/:name").handler(weekly::change);
    r.delete("/api/v1/repositories/:name").handler(weekly::remove);
    r.post("/api/v1/repositories/:name/campaigns").handler(weekly::force);
    r.get("/api/v1/campaigns").handler(weekly::campaigns);
    r.post("/hooks/:forge").handler(weekly::hook);
    r.get("/api/v1/dashboard/studies").handler(routes.dashboard()::studies);
    r.get("/api/v1/dashboard/studies/:id").handler(routes.dashboard()::study);
    r.get("/api/v1/dashboard/studies/:id/importance").handler(routes.dashboard()::importance);
    r.get("/api/v1/dashboard/studies/:id/trials").handler(routes.dashboard()::trials);
    r.get("/api/v1/dashboard/compare").handler(routes.dashboard()::compare);
    r.get("/api/v1/dashboard/farm").handler(routes.dashboard()::farm);
    r.get("/api/v1/events").handler(routes.dashboard()::events);

    r.get("/api/version").handler(ops::version);
    r.post("/api/ask/:token").handler(hopaas::ask);
    r.post("/api/tell/:token").handler(hopaas::tell);
    r.post("/api/should_prune/:token").handler(hopaas::shouldPrune);
    r.post("/api/mark_as_failed/:token").handler(hopaas::markAsFailed);
    r.get("/api/get_best_trial/:token").handler(hopaas::bestTrial);

    r.route().failureHandler(ApiErrors::handle);
    r.errorHandler(404, ApiErrors::handle);
    r.errorHandler(405, ApiErrors::handle);
    return r;
  }

  /**
   * The routes this verticle serves, as {@code METHOD /path/{param}} (the OpenAPI spelling), for
   * checking the OpenAPI document against them.
   */
  java.util.List<String> routeList() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (var route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
      route.methods().forEach(m -> out.add(m.name() + " " + path));
    }
    return out;
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
