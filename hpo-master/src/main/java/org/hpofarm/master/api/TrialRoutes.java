package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hpofarm.master.pruner.PruneDecision;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.study.Outcome;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;
import org.hpofarm.master.trial.TrialState;

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
    JsonNode body = Bodies.object(ctx);
    int count = Bodies.intField(body, "count", 1);
    String worker = Bodies.text(body, "worker");
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("trials");
    for (Trial t : service.ask(study.id(), count, worker)) {
      ObjectNode n = arr.addObject();
      n.put("number", t.number());
      n.set("params", TrialJson.params(t));
    }
    Bodies.ok(ctx, out);
  }

  void report(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    JsonNode body = Bodies.object(ctx);
    JsonNode step = body.get("step");
    if (step == null || !step.isIntegralNumber() || !step.canConvertToInt()) {
      throw ApiException.badRequest("step: must be an integer, got " + step);
    }
    PruneDecision d =
        service.report(
            study.id(), Bodies.trialNumber(ctx), step.intValue(), Bodies.number(body, "value"));
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
    Trial t = service.tell(study.id(), Bodies.trialNumber(ctx), outcome(Bodies.object(ctx)));
    Bodies.send(ctx, 200, TrialJson.encode(t));
  }

  void enqueue(RoutingContext ctx) {
    Study study = studies.owned(ctx);
    JsonNode params = Bodies.object(ctx).get("params");
    if (params == null || !params.isObject()) {
      throw ApiException.badRequest("params: must be an object from parameter name to value");
    }
    Map<String, Object> point = Bodies.JSON.convertValue(params, Map.class);
    Bodies.send(ctx, 201, TrialJson.toJson(service.enqueue(study.id(), point)));
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

  /** A tell body: value, values, or a failed, pruned or preempted state. */
  static Outcome outcome(JsonNode body) {
    String state = Bodies.text(body, "state");
    if (state != null) {
      return switch (state.toLowerCase(Locale.ROOT)) {
        case "failed", "fail" -> new Outcome.Failed(Bodies.text(body, "error"));
        case "pruned" -> new Outcome.Pruned();
        case "preempted" -> new Outcome.Preempted();
        case "complete" -> values(body);
        default ->
            throw ApiException.badRequest(
                "state: must be failed, pruned or preempted, got '" + state + "'");
      };
    }
    return values(body);
  }

  private static Outcome values(JsonNode body) {
    if (body.hasNonNull("values")) {
      JsonNode vs = body.get("values");
      if (!vs.isArray() || vs.isEmpty()) {
        throw ApiException.badRequest("values: must be a non-empty array of numbers");
      }
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < vs.size(); i++) {
        if (!vs.get(i).isNumber()) {
          throw ApiException.badRequest("values[" + i + "]: must be a number, got " + vs.get(i));
        }
        values.add(vs.get(i).doubleValue());
      }
      return new Outcome.Values(values);
    }
    if (!body.has("value")) {
      throw ApiException.badRequest("value: missing (give value, values, or state)");
    }
    return new Outcome.Values(List.of(Bodies.number(body, "value")));
  }
}
