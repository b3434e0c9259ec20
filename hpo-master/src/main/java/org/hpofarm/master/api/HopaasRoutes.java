package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.auth.Sha256;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.hopaas.OptunaNames;
import org.hpofarm.master.hopaas.Suggestion;
import org.hpofarm.master.pruner.PruneDecision;
import org.hpofarm.master.pruner.PrunerSpec;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.worker.runner.Outcome;

/**
 * The Hopaas-compatible routes: token in the path, bodies read as JSON whatever their content type.
 * A study is created on its first ask and found again by (owner, title): its id is derived from
 * both, so every member of a cluster finds the same study without a lookup table.
 */
final class HopaasRoutes {

  /**
   * Hopaas clients send no heartbeats and report only when they ask whether to prune: their trials
   * get a lease of three hours.
   */
  static final int HOPAAS_HEARTBEAT_SECONDS = 3600;

  private final StudyService service;
  private final Authenticator auth;

  HopaasRoutes(StudyService service, Authenticator auth) {
    this.service = service;
    this.auth = auth;
  }

  void ask(RoutingContext ctx) {
    Caller caller = auth.user(ctx.pathParam("token"), ctx);
    JsonNode body = Bodies.object(ctx);
    JsonNode config = body.get("hopaas_config");
    if (config == null || !config.isObject()) {
      throw ApiException.badRequest(
          "hopaas_config: missing (an object with title, direction, ...)");
    }
    String title = Requests.text(config, "title");
    if (title == null || title.isBlank()) {
      throw ApiException.badRequest("hopaas_config.title: missing");
    }
    StudySpec spec = spec(title, config, space(body));
    Study study = service.createIfAbsent(studyId(caller.user(), title), caller.user(), spec);
    if (!study.spec().space().equals(spec.space())) {
      throw new IllegalStateException(
          "hopaas_config.title: study '" + title + "' exists with another search space");
    }
    List<Trial> trials = service.ask(study.id(), 1, null);
    if (trials.isEmpty()) {
      throw new IllegalStateException("study '" + title + "' has no trials left");
    }
    Trial trial = trials.get(0);
    ObjectNode out = body.deepCopy();
    trial.params().forEach((k, v) -> out.set(k, SearchSpace.toJsonValue(v)));
    out.put("hopaas_trial", study.id() + ":" + trial.number());
    Bodies.ok(ctx, out);
  }

  void tell(RoutingContext ctx) {
    Caller caller = auth.user(ctx.pathParam("token"), ctx);
    var told = Requests.HopaasLoss.fromJson(Bodies.object(ctx));
    var ref = owned(told.trial(), caller);
    double loss = told.loss();
    Outcome outcome =
        Double.isNaN(loss) ? new Outcome.Failed("loss is NaN") : new Outcome.Values(List.of(loss));
    service.tell(ref.study(), ref.number(), outcome);
    Bodies.ok(ctx, Bodies.JSON.createObjectNode().put("hopaas_trial", ref.text()));
  }

  void shouldPrune(RoutingContext ctx) {
    Caller caller = auth.user(ctx.pathParam("token"), ctx);
    var reported = Requests.HopaasLoss.fromJson(Bodies.object(ctx));
    var ref = owned(reported.trial(), caller);
    boolean prune;
    if (!Double.isFinite(reported.loss())) {
      prune = true;
    } else {
      PruneDecision d = service.report(ref.study(), ref.number(), reported.step(), reported.loss());
      prune = d.prune();
    }
    if (prune) {
      service.tell(ref.study(), ref.number(), new Outcome.Pruned());
    }
    ctx.response().putHeader("Content-Type", "application/json").end(Boolean.toString(prune));
  }

  void markAsFailed(RoutingContext ctx) {
    Caller caller = auth.user(ctx.pathParam("token"), ctx);
    var failure = Requests.HopaasFailure.fromJson(Bodies.object(ctx));
    var ref = owned(failure.trial(), caller);
    service.tell(ref.study(), ref.number(), new Outcome.Failed(failure.error()));
    Bodies.ok(ctx, Bodies.JSON.createObjectNode().put("hopaas_trial", ref.text()));
  }

  void bestTrial(RoutingContext ctx) {
    Caller caller = auth.user(ctx.pathParam("token"), ctx);
    var ref = owned(Requests.HopaasTrial.parse(ctx.request().getParam("hopaas_trial")), caller);
    List<Trial> best = service.best(ref.study());
    if (best.isEmpty()) {
      throw ApiException.notFound("study '" + ref.study() + "' has no COMPLETE trial yet");
    }
    Bodies.ok(ctx, TextNode.valueOf(ref.study() + ":" + best.get(0).number()));
  }

  /** The study id of a Hopaas title: a digest of owner and title. */
  static String studyId(String owner, String title) {
    return "h" + Sha256.hex(owner + "\u0000" + title).substring(0, 20);
  }

  /** The trial, once the caller is known to own its study. */
  private Requests.HopaasTrial owned(Requests.HopaasTrial trial, Caller caller) {
    service.study(trial.study(), caller.user(), caller.admin());
    return trial;
  }

  private static SearchSpace space(JsonNode body) {
    List<Parameter> params = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().isTextual() && Suggestion.isSuggestion(e.getValue().textValue())) {
        params.add(
            new Parameter(e.getKey(), Suggestion.parse(e.getKey(), e.getValue().textValue())));
      }
    }
    if (params.isEmpty()) {
      throw ApiException.badRequest("body: no optuna# suggestion to sample");
    }
    return new SearchSpace(params);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> args(JsonNode named) {
    JsonNode a = named.get("args");
    return a != null && a.isObject() ? Bodies.JSON.convertValue(a, Map.class) : Map.of();
  }

  private static StudySpec spec(String title, JsonNode config, SearchSpace space) {
    String direction = Requests.text(config, "direction");
    Direction d;
    try {
      d = direction == null ? Direction.MINIMIZE : Direction.parse(direction);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("hopaas_config.direction: " + e.getMessage());
    }
    SamplerSpec sampler = SamplerSpec.of("random", SamplerSpec.randomSeed());
    JsonNode s = config.get("sampler");
    if (s != null && s.isObject() && s.hasNonNull("name")) {
      sampler = OptunaNames.sampler(s.get("name").asText(), args(s));
    }
    PrunerSpec pruner = PrunerSpec.none();
    JsonNode p = config.get("pruner");
    if (p != null && p.isObject() && p.hasNonNull("name")) {
      pruner = OptunaNames.pruner(p.get("name").asText(), args(p));
    }
    return new StudySpec(
        title,
        List.of(d),
        space,
        sampler,
        pruner,
        0,
        HOPAAS_HEARTBEAT_SECONDS,
        StudySpec.DEFAULT_MAX_RETRIES,
        null);
  }
}
