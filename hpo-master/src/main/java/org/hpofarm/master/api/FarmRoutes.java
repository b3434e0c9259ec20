package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.hpofarm.master.auth.Caller;
import org.hpofarm.master.farm.Assignment;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.master.farm.FarmState;
import org.hpofarm.master.farm.LeaseRequest;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.mig.allocation.Reservation;
import org.hpofarm.mig.window.Interval;

/**
 * The farm routes: an agent's lease call, the farm's slices and who holds them, and the burst
 * windows. An agent leasing with a user's token gets only that user's studies' trials, with an
 * admin token every study's, with an agent token (which may lease only as its own agent) those of
 * the users it serves.
 */
final class FarmRoutes {

  private final FarmService farm;

  FarmRoutes(FarmService farm) {
    this.farm = farm;
  }

  void lease(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    if (caller.isAgent() && !caller.agent().equals(ctx.pathParam("agent"))) {
      throw ApiException.forbidden(
          "agent: this token belongs to agent "
              + caller.agent()
              + ", not "
              + ctx.pathParam("agent"));
    }
    LeaseRequest request = LeaseRequest.fromJson(ctx.pathParam("agent"), Bodies.object(ctx));
    ObjectNode out = Bodies.JSON.createObjectNode();
    var arr = out.putArray("assignments");
    Predicate<String> owners;
    if (caller.isAgent()) {
      owners = caller::serves;
    } else if (caller.admin()) {
      owners = owner -> true;
    } else {
      owners = caller.user()::equals;
    }
    for (Assignment a : farm.lease(request, caller.user(), owners)) {
      ObjectNode n = arr.addObject();
      n.put("study", a.study());
      n.put("trial", a.trial());
      n.put("checkpoint", a.checkpoint());
      ObjectNode params = n.putObject("params");
      a.params().forEach((k, v) -> params.set(k, SearchSpace.toJsonValue(v)));
      n.put("slice", a.slice().id());
      n.set("executor", a.executor());
      n.put("heartbeatSeconds", a.heartbeatSeconds());
      n.put("worker", a.worker());
      ObjectNode group = n.putObject("group");
      group.put("rank", a.rank());
      group.put("size", a.group().size());
      a.group().forEach(group.putArray("slices")::add);
      if (a.rendezvous() != null) {
        group.put("rendezvous", a.rendezvous());
      }
    }
    Bodies.ok(ctx, out);
  }

  /**
   * {@code GET /api/v1/farm}: an admin sees which study holds every slice; a user sees the trials
   * of their own studies, and of the rest only that a slice is busy (and the counts).
   */
  void show(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    Predicate<String> visible = caller.admin() ? owner -> true : caller.user()::equals;
    FarmState state = farm.state();
    ObjectNode out = Bodies.JSON.createObjectNode();
    int busy = 0;
    int yours = 0;
    var agents = out.putArray("agents");
    state.agents().forEach(a -> agents.add(a.toJson()));
    Map<String, ObjectNode> gpus = new LinkedHashMap<>();
    var gpuArr = out.putArray("gpus");
    var cpuArr = out.putArray("cpuSlots");
    for (FarmState.SliceInfo s : state.slices()) {
      ObjectNode slice;
      if (s.slice().gpu() == null) {
        slice = cpuArr.addObject();
        slice.put("node", s.slice().node());
      } else {
        ObjectNode gpu =
            gpus.computeIfAbsent(
                s.agent() + "\u0000" + s.slice().gpu(),
                k ->
                    gpuArr
                        .addObject()
                        .put("id", s.slice().gpu())
                        .put("model", s.slice().model())
                        .put("node", s.slice().node())
                        .put("agent", s.agent()));
        slice = gpu.withArray("slices").addObject();
      }
      slice.put("id", s.slice().id());
      slice.put("kind", s.slice().kind().name());
      slice.put("profile", s.slice().profile());
      slice.put("memoryMiB", s.slice().memoryMiB());
      if (s.slice().gpu() == null) {
        slice.put("agent", s.agent());
      }
      slice.put("busy", s.study() != null);
      if (s.study() != null && visible.test(s.owner())) {
        slice.putObject("trial").put("study", s.study()).put("number", s.trial());
        yours++;
      } else {
        slice.putNull("trial");
      }
      busy += s.study() != null ? 1 : 0;
    }
    out.putObject("counts")
        .put("slices", state.slices().size())
        .put("busy", busy)
        .put("visible", yours);
    var res = out.putArray("reservations");
    for (Reservation r : state.reservations()) {
      ObjectNode n = res.addObject();
      if (caller.admin() || farm.ownerOf(r.study()).map(caller.user()::equals).orElse(false)) {
        n.put("study", r.study());
      } else {
        n.putNull("study");
      }
      n.put("slices", r.slices())
          .put("from", r.from().toString())
          .put("until", r.until().toString());
    }
    Bodies.ok(ctx, out);
  }

  void windows(RoutingContext ctx) {
    FarmService.Windows w = farm.windows();
    ZoneId zone = w.window().zone();
    ObjectNode out = Bodies.JSON.createObjectNode();
    out.put("start", w.window().start().toString());
    out.put("end", w.window().end().toString());
    out.put("zone", zone.getId());
    if (w.current().isPresent()) {
      out.set("current", interval(w.current().get(), zone));
    } else {
      out.putNull("current");
    }
    out.set("next", interval(w.next(), zone));
    Bodies.ok(ctx, out);
  }

  private static ObjectNode interval(Interval i, ZoneId zone) {
    ObjectNode n = Bodies.JSON.createObjectNode();
    n.put("start", local(i.start(), zone));
    n.put("end", local(i.end(), zone));
    n.put("hours", i.duration().toMinutes() / 60.0);
    return n;
  }

  private static String local(Instant t, ZoneId zone) {
    return t.atZone(zone).toOffsetDateTime().toString();
  }
}
