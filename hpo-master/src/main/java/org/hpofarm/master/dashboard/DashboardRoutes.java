package org.hpofarm.master.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.core.History;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.master.farm.FarmState;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.store.StudyStore;
import org.hpofarm.master.study.Page;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.mig.allocation.Reservation;

/**
 * The browser dashboard: its page and static files (its own from {@code resources/dashboard}, the
 * chart library from the echarts WebJar, both on the class path, served with a Content-Security-
 * Policy that allows scripts and styles from this origin only), the JSON routes under {@code
 * /api/v1/dashboard} that aggregate and downsample on the server, and the live event stream {@code
 * /api/v1/events}. The JSON routes and the stream take the API's bearer tokens: a user sees their
 * own studies, an admin all, and another user's study is not found.
 */
public final class DashboardRoutes {

  /** The policy every dashboard file is served with: nothing inline, nothing from elsewhere. */
  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A file served under {@code /dashboard/}: its name there, its class-path resource, its type. */
  private record Asset(String name, String resource, String type) {}

  private static final String JS = "text/javascript; charset=utf-8";

  private static final List<Asset> ASSETS =
      List.of(
          new Asset("index.html", "dashboard/index.html", "text/html; charset=utf-8"),
          new Asset("app.js", "dashboard/app.js", JS),
          new Asset("charts.js", "dashboard/charts.js", JS),
          new Asset("style.css", "dashboard/style.css", "text/css; charset=utf-8"),
          new Asset(
              "lib/echarts.min.js",
              "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js",
              JS));

  /** A static file, read once. */
  private record File(Buffer body, String type, String etag) {}

  /** Importance computed for a study at a number of complete trials. */
  private record CachedImportance(int complete, Importance importance) {}

  private final StudyService service;
  private final StudyStore store;
  private final FarmService farm;
  private final FarmUsage usage;
  private final TrialEvents events;
  private final Function<RoutingContext, Caller> callers;
  private final Map<String, File> files = new ConcurrentHashMap<>();
  private final Map<String, CachedImportance> importance = new ConcurrentHashMap<>();

  /**
   * @param store where the trials are read from, for aggregation
   * @param callers the caller of an authenticated request
   */
  public DashboardRoutes(
      StudyService service,
      StudyStore store,
      FarmService farm,
      FarmUsage usage,
      TrialEvents events,
      Function<RoutingContext, Caller> callers) {
    this.service = service;
    this.store = store;
    this.farm = farm;
    this.usage = usage;
    this.events = events;
    this.callers = callers;
    for (Asset a : ASSETS) {
      files.put(a.name(), read(a.resource(), a.type()));
    }
  }

  private static File read(String resource, String type) {
    try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard: " + resource + " missing from the class path");
      }
      byte[] bytes = in.readAllBytes();
      return new File(
          Buffer.buffer(bytes),
          type,
          "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /}: the dashboard's page. */
  public void page(RoutingContext ctx) {
    serve(ctx, files.get("index.html"), "no-cache");
  }

  /** {@code GET /dashboard/{file}}: its scripts, styles and the chart library. */
  public void asset(RoutingContext ctx) {
    String name = ctx.normalizedPath().substring("/dashboard/".length());
    File f = files.get(name);
    if (f == null) {
      ctx.next(); // the router's 404
      return;
    }
    serve(ctx, f, name.startsWith("lib/") ? "public, max-age=86400" : "no-cache");
  }

  private static void serve(RoutingContext ctx, File f, String cache) {
    HttpServerResponse r = ctx.response();
    r.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", cache)
        .putHeader("ETag", f.etag());
    if (f.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      r.setStatusCode(304).end();
      return;
    }
    r.putHeader("Content-Type", f.type()).end(f.body());
  }

  /**
   * {@code GET /api/v1/dashboard/studies}: the caller's studies (an admin's: all) with counts and
   * best values, filtered ({@code q}), sorted ({@code sort}, {@code order=asc|desc}) and paged
   * ({@code offset}, {@code limit}) here.
   */
  public void studies(RoutingContext ctx) {
    Caller caller = callers.apply(ctx);
    StudyQuery query =
        new StudyQuery(
            ctx.request().getParam("q"),
            ctx.request().getParam("sort"),
            descending(ctx),
            integer(ctx, "offset", 0),
            integer(ctx, "limit", 50));
    List<StudyRow> rows = new ArrayList<>();
    for (Study s : service.all()) {
      if (caller.admin() || s.owner().equals(caller.user())) {
        rows.add(StudyRow.of(s, store.trials(s.id())));
      }
    }
    Page<StudyRow> page = query.page(rows);
    ObjectNode out = JSON.createObjectNode();
    out.set("studies", JSON.valueToTree(page.items()));
    out.put("total", page.total());
    out.put("user", caller.user());
    out.put("admin", caller.admin());
    send(ctx, out);
  }

  /**
   * {@code GET /api/v1/dashboard/studies/{id}}: the study's row and its charts' data, aggregated
   * and downsampled: history, learning curves, parameters (parallel coordinates and slices), and
   * the Pareto front when it has several objectives.
   */
  public void study(RoutingContext ctx) {
    Study study = visible(ctx);
    List<Trial> trials = store.trials(study.id());
    var directions = study.spec().directions();
    ObjectNode out = JSON.createObjectNode();
    out.set("study", JSON.valueToTree(StudyRow.of(study, trials)));
    out.set("space", study.spec().space().toJson());
    out.set("history", JSON.valueToTree(HistoryChart.of(trials, 0, directions.get(0))));
    out.set("curves", JSON.valueToTree(LearningCurves.of(trials, directions.get(0))));
    out.set(
        "parameters",
        JSON.valueToTree(ParameterSample.of(study.spec().space(), trials, directions.get(0))));
    if (study.spec().isMultiObjective()) {
      out.set("pareto", JSON.valueToTree(ParetoChart.of(new History(directions, trials))));
    } else {
      out.putNull("pareto");
    }
    send(ctx, out);
  }

  /**
   * {@code GET /api/v1/dashboard/studies/{id}/importance}: parameter importance on the first
   * objective ({@link Importance}), recomputed when more trials have completed.
   */
  public void importance(RoutingContext ctx) {
    Study study = visible(ctx);
    List<Trial> trials = store.trials(study.id());
    int complete = (int) trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    CachedImportance cached = importance.get(study.id());
    if (cached == null || cached.complete() != complete) {
      cached =
          new CachedImportance(
              complete,
              Importance.of(study.spec().space(), trials, 0, study.spec().sampler().seed()));
      importance.put(study.id(), cached);
    }
    send(ctx, JSON.valueToTree(cached.importance()));
  }

  /**
   * {@code GET /api/v1/dashboard/studies/{id}/trials}: one page of the trials table, filtered by
   * {@code state}, sorted by {@code sort} (number, value, state, duration) and {@code order}.
   */
  public void trials(RoutingContext ctx) {
    Study study = visible(ctx);
    TrialQuery query =
        new TrialQuery(
            TrialQuery.state(ctx.request().getParam("state")),
            ctx.request().getParam("sort"),
            descending(ctx),
            integer(ctx, "offset", 0),
            integer(ctx, "limit", 50));
    Page<Trial> page = query.page(store.trials(study.id()));
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("trials");
    for (Trial t : page.items()) {
      ObjectNode n = TrialJson.toJson(t);
      Long ms = TrialQuery.durationOf(t);
      if (ms == null) {
        n.putNull("durationMs");
      } else {
        n.put("durationMs", ms);
      }
      arr.add(n);
    }
    out.put("total", page.total());
    send(ctx, out);
  }

  /**
   * {@code GET /api/v1/dashboard/compare?ids=a,b[&target=v]}: two or more studies side by side
   * ({@link Comparison}).
   */
  public void compare(RoutingContext ctx) {
    String ids = ctx.request().getParam("ids");
    if (ids == null || ids.isBlank()) {
      throw new IllegalArgumentException("ids: give two or more study ids, comma-separated");
    }
    List<String> list = List.of(ids.split(","));
    if (list.size() < 2 || list.size() > 8) {
      throw new IllegalArgumentException("ids: between 2 and 8 study ids, got " + list.size());
    }
    Caller caller = callers.apply(ctx);
    List<Study> studies = new ArrayList<>();
    List<List<Trial>> trials = new ArrayList<>();
    for (String id : list) {
      Study s = service.study(id.strip(), caller.user(), caller.admin());
      studies.add(s);
      trials.add(store.trials(s.id()));
    }
    String target = ctx.request().getParam("target");
    Double goal;
    try {
      goal = target == null || target.isBlank() ? null : Double.valueOf(target);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("target: must be a number, got '" + target + "'");
    }
    send(ctx, JSON.valueToTree(Comparison.of(studies, trials, goal)));
  }

  /**
   * {@code GET /api/v1/dashboard/farm}: every slice with what runs there (the caller's trials, or
   * only that a slice is busy), since when, the agents, utilisation over time, the burst windows
   * and the reservations.
   */
  public void farm(RoutingContext ctx) {
    Caller caller = callers.apply(ctx);
    Predicate<String> mine = caller.admin() ? owner -> true : caller.user()::equals;
    FarmState state = farm.state();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode agents = out.putArray("agents");
    state.agents().forEach(a -> agents.add(a.toJson()));
    ArrayNode slices = out.putArray("slices");
    for (FarmState.SliceInfo s : state.slices()) {
      ObjectNode n =
          slices
              .addObject()
              .put("id", s.slice().id())
              .put("agent", s.agent())
              .put("node", s.slice().node())
              .put("gpu", s.slice().gpu())
              .put("model", s.slice().model())
              .put("kind", s.slice().kind().name())
              .put("profile", s.slice().profile())
              .put("busy", s.study() != null);
      if (s.study() != null && mine.test(s.owner())) {
        ObjectNode t = n.putObject("trial").put("study", s.study()).put("number", s.trial());
        service
            .find(s.study())
            .ifPresent(
                study -> {
                  t.put("name", study.spec().name());
                  store.trial(study.id(), s.trial()).ifPresent(tr -> since(t, tr));
                });
      } else {
        n.putNull("trial");
      }
    }
    out.set("usage", JSON.valueToTree(usage.samples()));
    FarmService.Windows w = farm.windows();
    ObjectNode windows = out.putObject("windows").put("zone", w.window().zone().getId());
    if (w.current().isPresent()) {
      windows
          .putObject("current")
          .put("start", w.current().get().start().toString())
          .put("end", w.current().get().end().toString());
    } else {
      windows.putNull("current");
    }
    windows
        .putObject("next")
        .put("start", w.next().start().toString())
        .put("end", w.next().end().toString());
    ArrayNode res = out.putArray("reservations");
    for (Reservation r : state.reservations()) {
      ObjectNode n = res.addObject();
      if (farm.ownerOf(r.study()).map(mine::test).orElse(false)) {
        n.put("study", r.study());
      } else {
        n.putNull("study");
      }
      n.put("slices", r.slices())
          .put("from", r.from().toString())
          .put("until", r.until().toString());
    }
    send(ctx, out);
  }

  private static void since(ObjectNode n, Trial t) {
    n.put("since", t.started() == null ? null : t.started().toString());
  }

  /**
   * {@code GET /api/v1/events}: a server-sent event stream of the trials of the caller's studies
   * (an admin's: all), one {@code trial} event per trial created, started, reporting or finished
   * ({@link TrialEvents}), and a comment every 15 s to keep the connection open.
   */
  public void events(RoutingContext ctx) {
    Caller caller = callers.apply(ctx);
    HttpServerResponse r = ctx.response();
    r.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    r.write("retry: 3000\n: open\n\n");
    var vertx = ctx.vertx();
    long ping = vertx.setPeriodic(15_000, id -> r.write(": ping\n\n"));
    events.open(
        r, caller.admin() ? owner -> true : caller.user()::equals, () -> vertx.cancelTimer(ping));
  }

  private Study visible(RoutingContext ctx) {
    Caller caller = callers.apply(ctx);
    return service.study(ctx.pathParam("id"), caller.user(), caller.admin());
  }

  private static boolean descending(RoutingContext ctx) {
    String order = ctx.request().getParam("order");
    if (order == null || order.isEmpty() || order.equals("asc")) {
      return false;
    }
    if (order.equals("desc")) {
      return true;
    }
    throw new IllegalArgumentException("order: asc or desc, got '" + order + "'");
  }

  private static int integer(RoutingContext ctx, String name, int dflt) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": must be an integer, got '" + v + "'");
    }
  }

  private static void send(RoutingContext ctx, Object body) {
    try {
      ctx.response()
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
