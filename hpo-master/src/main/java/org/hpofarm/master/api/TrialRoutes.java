package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import org.hpofarm.master.pruner.PruneDecision;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.worker.runner.Outcome;

/** {@code /api/v1/studies/{id}/...}: ask, report, heartbeat, tell, enqueue, list, best. */
final class TrialRoutes {

  private final StudyService service;
  private final StudyRoutes studies;

  TrialRoutes(StudyService service, StudyRoutes studies) {
    this.service = service;
    this.studies = studies;
  }

  void ask(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    var ask = Requests.Ask.fromJson(Bodies.object(ctx));
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("trials");
    for (Trial t : service.ask(study.id(), ask.count(), ask.worker())) {
      ObjectNode n = arr.addObject();
      n.put("number", t.number());
      n.set("params", TrialJson.params(t));
    }
    Bodies.ok(ctx, out);
  }

  void report(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    var report = Requests.Report.fromJson(Bodies.object(ctx));
    PruneDecision d =
        service.report(study.id(), Bodies.trialNumber(ctx), report.step(), report.value());
    Bodies.ok(
        ctx, Bodies.JSON.createObjectNode().put("prune", d.prune()).put("reason", d.reason()));
  }

  void heartbeat(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    service.heartbeat(study.id(), Bodies.trialNumber(ctx));
    ctx.response().setStatusCode(204).end();
  }

  void tell(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    Outcome outcome = Outcome.fromJson(Bodies.object(ctx));
    Trial t = service.tell(study.id(), Bodies.trialNumber(ctx), outcome);
    Bodies.send(ctx, 200, TrialJson.encode(t));
  }

  void enqueue(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    var enqueue = Requests.Enqueue.fromJson(Bodies.object(ctx));
    Bodies.send(ctx, 201, TrialJson.toJson(service.enqueue(study.id(), enqueue.params())));
  }

  void list(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    String s = ctx.request().getParam("state");
    TrialState state = null;
    if (s != null && !s.isEmpty()) {
      try {
        state = TrialState.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("state: one of WAITING, RUNNING, COMPLETE, PRUNED, FAILED");
      }
    }
    var page =
        service.trials(
            study.id(), state, Bodies.query(ctx, "offset", 0), Bodies.query(ctx, "limit", 100));
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("trials");
    page.items().forEach(t -> arr.add(TrialJson.toJson(t)));
    out.put("total", page.total());
    Bodies.ok(ctx, out);
  }

  void best(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    List<Trial> best = service.best(study.id());
    if (study.spec().isMultiObjective()) {
      ObjectNode out = Bodies.JSON.createObjectNode();
      var arr = out.putArray("trials");
      best.forEach(t -> arr.add(TrialJson.toJson(t)));
      Bodies.ok(ctx, out);
    } else if (best.isEmpty()) {
      throw ApiException.notFound("study '" + study.id() + "' has no COMPLETE trial yet");
    } else {
      Bodies.ok(ctx, TrialJson.toJson(best.get(0)));
    }
  }
}
