package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.farm.SliceDemand;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyJson;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;

/** {@code /api/v1/studies}: create, list, show and delete studies. */
final class StudyRoutes {

  private final StudyService service;

  StudyRoutes(StudyService service) {
    this.service = service;
  }

  void create(RoutingContext ctx) {
    StudySpec spec = StudySpec.fromJson(Bodies.object(ctx));
    Caller caller = Authenticator.caller(ctx);
    if (spec.executor() != null) {
      SliceDemand.of(spec.executor()); // the slices it asks for are checked now, not at lease time
      if (spec.executor().path("kind").asText().equals("command") && !caller.mayRunCommands()) {
        throw ApiException.forbidden(
            "executor.kind: command studies run any command line on the agents, and user '"
                + caller.user()
                + "' may not create them (an admin grants it: farm token create "
                + caller.user()
                + " --may-run-commands); djl executors are open to everyone");
      }
    }
    Study study = service.create(caller.user(), spec);
    Bodies.send(ctx, 201, StudyJson.toJson(study));
  }

  void list(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    var page =
        service.studies(
            caller.user(),
            caller.admin(),
            Bodies.query(ctx, "offset", 0),
            Bodies.query(ctx, "limit", 100));
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("studies");
    page.items().forEach(s -> arr.add(StudyJson.toJson(s)));
    out.put("total", page.total());
    Bodies.ok(ctx, out);
  }

  void show(RoutingContext ctx) {
    Study study = owned(ctx);
    ObjectNode out = StudyJson.toJson(study);
    ObjectNode counts = out.putObject("counts");
    service.counts(study.id()).forEach((state, n) -> counts.put(state.name(), n));
    List<Trial> best = service.best(study.id());
    if (study.spec().isMultiObjective()) {
      var front = out.putArray("best");
      best.forEach(t -> front.add(TrialJson.toJson(t)));
    } else if (best.isEmpty()) {
      out.putNull("best");
    } else {
      out.set("best", TrialJson.toJson(best.get(0)));
    }
    Bodies.ok(ctx, out);
  }

  void delete(RoutingContext ctx) {
    Study study = owned(ctx);
    service.delete(study.id());
    ctx.response().setStatusCode(204).end();
  }

  /**
   * The study in the path, if the caller may act on it: its owner, an admin, or an agent token
   * serving the owner whose agent holds the trial in the path.
   */
  Study owned(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    if (!caller.isAgent()) {
      return service.study(ctx.pathParam("id"), caller.user(), caller.admin());
    }
    Study study = service.study(ctx.pathParam("id"));
    Trial trial = service.trial(study.id(), Bodies.trialNumber(ctx));
    if (!caller.serves(study.owner())
        || trial.worker() == null
        || !trial.worker().startsWith(caller.agent() + ":")) {
      throw ApiException.forbidden(
          "trial " + trial.number() + ": not placed on agent " + caller.agent());
    }
    return study;
  }
}
