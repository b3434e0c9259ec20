package org.hpofarm.master.farm;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.mig.allocation.BestFitAllocator;
import org.hpofarm.mig.allocation.Decision;
import org.hpofarm.mig.allocation.FairShare;
import org.hpofarm.mig.allocation.Lease;
import org.hpofarm.mig.allocation.Ledger;
import org.hpofarm.mig.allocation.Reservation;
import org.hpofarm.mig.allocation.SliceRequest;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;
import org.hpofarm.mig.window.Interval;
import org.hpofarm.worker.runner.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's farm: the agents and their slices, which trial holds which slice, and the placement
 * of executor studies' trials onto the free slices an agent offers, through the HTTP route {@code
 * POST /api/v1/agents/{agent}/lease} ({@link #lease}) that every agent calls, the simulated one of
 * {@code --simulate-farm} included.
 *
 * <p>Placement is the mig-scheduler's: a {@link Ledger} of every agent's slices and a {@link
 * BestFitAllocator} with equal {@link FairShare}. Studies are asked for trials through the {@link
 * StudyService}, so a placed trial is RUNNING with a lease like any other and its reports go
 * through the pruner.
 *
 * <p>Thread-safe: one lock serialises the ledger (which is not).
 */
public final class FarmService {

  /*
   * Which slices the allocator may see. An agent's free slices can only be used by that agent's
   * processes, and only the agent knows what is free right now. So, outside a lease call, every
   * slice that is not lent to a trial is withheld in the ledger; a lease call restores the caller's
   * free slices, places trials on them, and withholds what is left. The allocator therefore only
   * ever grants the caller's slices, while fair share still counts what every study holds across
   * the whole farm (Ledger.held).
   *
   * A slice that its agent reports free while the ledger lends it means its trial's process ended:
   * the lease is released. The trial itself is the study service's business (its tell, or its
   * lease running out: FAILED "lost", re-queued).
   *
   * The ledger is built over a fixed inventory; when an agent's slices change it is rebuilt and the
   * leases still in force are carried over (fair-share history restarts, which only affects ties).
   *
   * Reservations (a campaign's share of the farm in its window) are kept as shares and turned into
   * slice counts over the ledger's inventory whenever it is rebuilt. A lease call serves the
   * studies under an active reservation first; a reserved study that asks for nothing more (or
   * that nothing fits) has its claim lifted for the rest of the call, so borrowers use the slices
   * it leaves idle. A reserved study that gets no slice while others hold some preempts the
   * youngest borrowers on agents that serve its owner: their trials are told "preempted" (re-queued, not a
   * failure) and their agents stop them at the next heartbeat or report; the slices come back
   * free at those agents' next lease calls, where the reservation claims them. One preemption per
   * reserved study is in flight at a time.
   */

  private static final Logger LOG = LoggerFactory.getLogger(FarmService.class);

  private final StudyService studies;
  private final InstantSource clock;
  private final FarmSettings settings;
  private final BestFitAllocator allocator;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, AgentRecord> agents = new LinkedHashMap<>();
  private final Map<String, Holding> holdings = new HashMap<>();
  private final Map<String, Share> shares = new LinkedHashMap<>();
  private final Map<String, String> preempting = new HashMap<>();
  private final Map<String, String> agentOf = new HashMap<>();
  private final Map<String, String> idle = new HashMap<>();
  private final Map<String, List<Assignment>> deliveries = new HashMap<>();
  private final List<String> restored = new ArrayList<>();
  private Ledger ledger;

  /** An agent as its lease calls describe it, and the user whose token registered it. */
  private record AgentRecord(
      String id,
      List<Slice> slices,
      Instant lastSeen,
      boolean simulated,
      String user,
      Predicate<String> serves,
      String address) {}

  /** The most agents one user's tokens may register (an agent token is a user of its own). */
  public static final int MAX_AGENTS_PER_USER = 64;

  /** The most slices one user's agents may offer together. */
  public static final int MAX_SLICES_PER_USER = 4096;

  /** A campaign's share of the farm (0..1) from {@code from} to {@code until}. */
  private record Share(String study, double share, Instant from, Instant until) {
    Reservation over(int totalSlices) {
      return Reservation.ofShare(study, share, totalSlices, from, until);
    }
  }

  /** Where a group spread over agents meets: this port plus 0..999, on rank 0's agent. */
  public static final int RENDEZVOUS_PORT = 29500;

  /** A slice lent to a trial. */
  private record Holding(String agent, String study, String user, int trial, long lease) {
    boolean sameTrial(Holding o) {
      return study.equals(o.study) && trial == o.trial;
    }
  }

  /** The burst windows around now: the one in progress, if any, and the next to start. */
  public record Windows(
      org.hpofarm.mig.window.BurstWindow window, Optional<Interval> current, Interval next) {}

  public FarmService(StudyService studies, InstantSource clock, FarmSettings settings) {
    this.studies = studies;
    this.clock = clock;
    this.settings = settings;
    this.allocator = new BestFitAllocator(FairShare.equal(), settings.sliceLease());
    this.ledger = new Ledger(new Inventory(List.of()), clock);
  }

  public FarmSettings settings() {
    return settings;
  }

  /**
   * An agent's call for work: registers or refreshes its slices, releases the slices it reports
   * free, and places trials of executor studies on them (at most {@code request.max()} trials)
   * (only studies owned by {@code user} unless {@code admin}). Returns one assignment per slice
   * given.
   */
  public List<Assignment> lease(LeaseRequest request, String user, boolean admin) {
    return lease(request, user, admin ? owner -> true : user::equals);
  }

  /**
   * An agent's call for work by {@code caller} (the user of its token), placing trials of the
   * executor studies whose owner {@code owners} accepts (an agent token: the users it serves).
   * Throws {@link AgentRefused}, changing nothing, when the agent id was registered by another
   * user, a slice is another live agent's, or the caller is at a cap.
   */
  public List<Assignment> lease(LeaseRequest request, String caller, Predicate<String> owners) {
    lock.lock();
    try {
      register(request, caller, owners);
      expire();
      idle.values().removeIf(request.agent()::equals); // known again below
      List<Assignment> out = new ArrayList<>();
      for (Assignment a : deliveries.getOrDefault(request.agent(), List.of())) {
        Holding h = holdings.get(a.slice().id());
        if (h != null && h.study().equals(a.study()) && h.trial() == a.trial()) {
          out.add(a); // placed during another agent's call: this agent's ranks of a group
        }
      }
      deliveries.remove(request.agent());
      Set<String> delivered = new HashSet<>();
      out.forEach(a -> delivered.add(a.slice().id()));
      List<String> offered = new ArrayList<>();
      for (Slice s : request.slices()) {
        Holding h = holdings.get(s.id());
        if (delivered.contains(s.id())) {
          ledger.renew(h.lease()); // free until now: this agent learns of its rank only now
        } else if (request.free().contains(s.id())) {
          if (h != null) {
            holdings.remove(s.id());
            preempting.remove(s.id());
            ledger.release(h.lease());
          } else {
            ledger.restore(s.id());
          }
          offered.add(s.id());
        } else if (h != null) {
          ledger.renew(h.lease());
        }
      }
      try {
        out.addAll(place(request.agent(), request.max(), request.runs(), owners));
        return out;
      } finally {
        for (String id : offered) {
          if (ledger.isFree(ledger.indexOf(id))) {
            ledger.withhold(id);
            idle.put(id, request.agent());
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The owner of a study, if there is such a study. */
  public Optional<String> ownerOf(String study) {
    return studies.find(study).map(Study::owner);
  }

  /** Every agent, every slice with the trial holding it, and the reservations. */
  public FarmState state() {
    lock.lock();
    try {
      expire();
      List<FarmState.AgentInfo> infos = new ArrayList<>();
      List<FarmState.SliceInfo> slices = new ArrayList<>();
      for (AgentRecord a : agents.values()) {
        int held = 0;
        for (Slice s : a.slices()) {
          Holding h = holdings.get(s.id());
          held += h == null ? 0 : 1;
          slices.add(
              new FarmState.SliceInfo(
                  s,
                  a.id(),
                  h == null ? null : h.study(),
                  h == null ? null : h.user(),
                  h == null ? -1 : h.trial()));
        }
        infos.add(
            new FarmState.AgentInfo(a.id(), a.slices().size(), held, a.lastSeen(), a.simulated()));
      }
      return new FarmState(infos, slices, List.copyOf(ledger.reservations()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Holds {@code share} (0..1) of the farm's slices for {@code study} from {@code from} to {@code
   * until} (a campaign's share in its window), replacing any reservation the study had. The share
   * is counted over the slices the agents offer, again whenever they change.
   */
  public void reserve(String study, double share, Instant from, Instant until) {
    Share s = new Share(study, share, from, until);
    s.over(0); // checks the fields
    lock.lock();
    try {
      shares.put(study, s);
      ledger.cancelReservations(study);
      ledger.reserve(s.over(ledger.size()));
    } finally {
      lock.unlock();
    }
  }

  /** Ends the study's reservation, if it has one; its slices are anyone's again. */
  public void endReservation(String study) {
    lock.lock();
    try {
      shares.remove(study);
      ledger.cancelReservations(study);
      preempting.values().removeIf(study::equals);
    } finally {
      lock.unlock();
    }
  }

  /** The configured burst window's occurrence in progress (if any) and the next one. */
  public Windows windows() {
    Instant now = clock.instant();
    return new Windows(
        settings.window(), settings.window().containing(now), settings.window().next(now));
  }

  private List<Assignment> place(
      String agent, int max, Set<String> runs, Predicate<String> owners) {
    Set<String> reserved = reservedNow();
    Map<SliceRequest, Candidate> first = new LinkedHashMap<>();
    Map<SliceRequest, Candidate> then = new LinkedHashMap<>();
    for (Study study : studies.all()) {
      if (study.spec().executor() == null
          || !owners.test(study.owner())
          || !runs.contains(study.spec().executor().path("kind").asText())) {
        continue;
      }
      try {
        SliceDemand demand = SliceDemand.of(study.spec().executor());
        if (!demand.placeableAt(clock.instant())) {
          continue;
        }
        (reserved.contains(study.id()) ? first : then)
            .put(demand.request(study.id(), study.owner()), new Candidate(study, demand));
      } catch (IllegalArgumentException e) {
        LOG.warn("study {} cannot run on the farm: {}", study.id(), e.getMessage());
      }
    }
    List<Assignment> out = new ArrayList<>();
    serve(first, agent, max, out, true);
    // the reserved studies want nothing more here: borrowers may use what they leave idle
    List<Reservation> lifted = List.copyOf(ledger.reservations());
    reserved.forEach(ledger::cancelReservations);
    try {
      serve(then, agent, max, out, false);
    } finally {
      reserved.forEach(ledger::cancelReservations);
      lifted.forEach(ledger::reserve);
    }
    return out;
  }

  /**
   * Places trials of the pending studies on the caller's free slices, in the allocator's order,
   * until {@code max} trials run; a study under its reservation that gets nothing (no slice free or
   * fitting, or no room on the caller) may preempt.
   */
  private void serve(
      Map<SliceRequest, Candidate> pending,
      String agent,
      int max,
      List<Assignment> out,
      boolean mayPreempt) {
    while (!pending.isEmpty()) {
      SliceRequest next = allocator.next(List.copyOf(pending.keySet()), ledger).orElseThrow();
      Candidate c = pending.remove(next);
      boolean room = out.stream().filter(a -> a.rank() == 0).count() < max;
      try {
        Decision.Grant grant = room ? grant(c, agent) : null;
        if (grant == null) {
          if (mayPreempt) {
            preemptFor(c, next);
          }
          continue;
        }
        start(grant, c, next, pending, agent, out);
      } finally {
        withholdRestored();
      }
    }
  }

  /** Asks the study for a trial and lends it the grant's slices; the study may want more. */
  private void start(
      Decision.Grant grant,
      Candidate c,
      SliceRequest next,
      Map<SliceRequest, Candidate> pending,
      String agent,
      List<Assignment> out) {
    List<Slice> ranks = rankOrder(grant.slices(), agent);
    String host = agentOf.get(ranks.get(0).id());
    String worker = host + ":" + ranks.get(0).id();
    List<Trial> trials;
    try {
      trials = studies.ask(c.study().id(), 1, worker);
    } catch (RuntimeException e) {
      LOG.warn("study {}: ask failed: {}", c.study().id(), e.toString());
      trials = List.of();
    }
    if (trials.isEmpty()) {
      return;
    }
    pending.put(next, c); // it may want more
    lend(grant, ranks, c.study(), trials.get(0), worker, agent, out);
  }

  /**
   * Lends a grant's slices to a trial: one assignment per slice, in rank order; those on the
   * caller's slices go out now, those on another agent's wait for its next lease call. A group
   * spread over agents meets at its rank 0 agent's address.
   */
  private void lend(
      Decision.Grant grant,
      List<Slice> ranks,
      Study study,
      Trial trial,
      String worker,
      String caller,
      List<Assignment> out) {
    Map<String, Lease> bySlice = new HashMap<>();
    ledger.apply(grant).forEach(l -> bySlice.put(l.slice().id(), l));
    List<String> group = ranks.stream().map(Slice::id).toList();
    Set<String> hosts = new HashSet<>();
    group.forEach(id -> hosts.add(agentOf.get(id)));
    String rendezvous =
        hosts.size() == 1
            ? null
            : agents.get(agentOf.get(group.get(0))).address()
                + ":"
                + (RENDEZVOUS_PORT
                    + Math.floorMod((study.id() + ":" + trial.number()).hashCode(), 1000));
    for (int rank = 0; rank < ranks.size(); rank++) {
      Slice slice = ranks.get(rank);
      String owner = agentOf.get(slice.id());
      Lease l = bySlice.get(slice.id());
      holdings.put(
          slice.id(), new Holding(owner, study.id(), study.owner(), trial.number(), l.id()));
      idle.remove(slice.id());
      Assignment a =
          new Assignment(
              study.id(),
              trial.number(),
              trial.checkpointOf(),
              trial.params(),
              slice,
              study.spec().executor(),
              study.spec().heartbeatSeconds(),
              worker,
              group,
              rank,
              rendezvous);
      if (owner.equals(caller)) {
        out.add(a);
      } else {
        deliveries.computeIfAbsent(owner, k -> new ArrayList<>()).add(a);
      }
    }
  }

  /**
   * A grant's slices in rank order: rank 0 on the caller when it holds one of them and can be
   * reached (a group on one agent needs no address), else on an agent with an address.
   */
  private List<Slice> rankOrder(List<Slice> slices, String caller) {
    List<Slice> out = new ArrayList<>(slices);
    Set<String> hosts = new HashSet<>();
    slices.forEach(sl -> hosts.add(agentOf.get(sl.id())));
    java.util.function.Predicate<Slice> canHost =
        sl -> hosts.size() == 1 || agents.get(agentOf.get(sl.id())).address() != null;
    out.sort(
        java.util.Comparator.comparing(
                (Slice sl) -> !(agentOf.get(sl.id()).equals(caller) && canHost.test(sl)))
            .thenComparing(sl -> !canHost.test(sl)));
    return out;
  }

  /**
   * Preempts borrowers for a study under its reservation that got no slice: when it holds fewer
   * than its reservation, has trials to run and no preemption in flight, the borrowers the
   * allocator picks ({@link BestFitAllocator#borrowers}) among those on agents that serve its owner
   * are told "preempted" (one trial's worth of slices). Their agents stop them; the slices come
   * back free where the reservation claims them.
   */
  private void preemptFor(Candidate c, SliceRequest request) {
    String study = c.study().id();
    Instant now = clock.instant();
    Reservation own =
        ledger.reservations().stream()
            .filter(r -> r.study().equals(study) && r.activeAt(now))
            .findFirst()
            .orElse(null);
    if (own == null
        || ledger.held(study) >= own.slices()
        || preempting.containsValue(study)
        || !studies.hasWork(study)) {
      return;
    }
    List<Lease> borrowed =
        BestFitAllocator.borrowers(
            request,
            ledger,
            request.count(),
            l -> {
              Holding h = holdings.get(l.slice().id());
              AgentRecord a = h == null ? null : agents.get(h.agent());
              return a != null
                  && a.serves().test(c.study().owner())
                  && !preempting.containsKey(l.slice().id());
            });
    Set<String> told = new HashSet<>();
    for (Lease l : borrowed) {
      Holding h = holdings.get(l.slice().id());
      preempting.put(l.slice().id(), study);
      if (told.add(h.study() + "#" + h.trial())) {
        try {
          studies.tell(h.study(), h.trial(), new Outcome.Preempted());
          LOG.info(
              "reservation of {} preempts trial {} of study {} on {}",
              study,
              h.trial(),
              h.study(),
              l.slice().id());
        } catch (RuntimeException e) {
          LOG.info("preempting trial {} of {}: {}", h.trial(), h.study(), e.toString());
        }
      }
    }
  }

  /** The studies whose reservation is active now. */
  private Set<String> reservedNow() {
    Set<String> out = new HashSet<>();
    for (Reservation r : ledger.reservations()) {
      if (r.activeAt(clock.instant())) {
        out.add(r.study());
      }
    }
    return out;
  }

  private record Candidate(Study study, SliceDemand demand) {}

  /**
   * The first variant of the study's demand the allocator grants without preempting anyone, on the
   * caller's free slices; for a group that may spread over nodes, else also on the slices other
   * live agents (serving the study's owner) found idle at their last lease call, when some agent of
   * the group can be reached at an address for rank 0.
   */
  private Decision.Grant grant(Candidate c, String caller) {
    Decision.Grant own = grantOnFree(c);
    if (own != null || c.demand().sameNode() || c.demand().workers() < 2) {
      return own;
    }
    Instant now = clock.instant();
    for (var e : idle.entrySet()) {
      AgentRecord a = agents.get(e.getValue());
      if (a != null
          && !a.id().equals(caller)
          && a.lastSeen().plus(settings.sliceLease()).isAfter(now)
          && a.serves().test(c.study().owner())
          && ledger.restore(e.getKey())) {
        restored.add(e.getKey());
      }
    }
    Decision.Grant spread = restored.isEmpty() ? null : grantOnFree(c);
    if (spread == null) {
      return null;
    }
    Set<String> hosts = new HashSet<>();
    spread.slices().forEach(sl -> hosts.add(agentOf.get(sl.id())));
    boolean reachable =
        hosts.size() == 1 || hosts.stream().anyMatch(h -> agents.get(h).address() != null);
    return reachable ? spread : null;
  }

  /** Withholds again the other agents' idle slices a spread grant did not take. */
  private void withholdRestored() {
    for (String id : restored) {
      if (ledger.isFree(ledger.indexOf(id))) {
        ledger.withhold(id);
      }
    }
    restored.clear();
  }

  private Decision.Grant grantOnFree(Candidate c) {
    for (SliceRequest r :
        c.demand().variants(c.study().id(), c.study().owner(), ledger.classes())) {
      if (allocator.place(r, ledger) instanceof Decision.Grant g && g.preempt().isEmpty()) {
        return g;
      }
    }
    return null;
  }

  private void register(LeaseRequest request, String caller, Predicate<String> owners) {
    Instant now = clock.instant();
    boolean simulated = request.simulated();
    AgentRecord known = agents.get(request.agent());
    if (known != null && !known.user().equals(caller)) {
      throw new AgentRefused(
          "agent: '" + request.agent() + "' was registered by another user's token");
    }
    if (known != null && known.slices().equals(request.slices())) {
      agents.put(
          request.agent(),
          new AgentRecord(
              request.agent(), known.slices(), now, simulated, caller, owners, request.address()));
      return;
    }
    int agentsOfCaller = 0;
    int slicesOfCaller = request.slices().size();
    for (AgentRecord a : agents.values()) {
      if (a.user().equals(caller) && !a.id().equals(request.agent())) {
        agentsOfCaller++;
        slicesOfCaller += a.slices().size();
      }
    }
    if (known == null && agentsOfCaller >= MAX_AGENTS_PER_USER) {
      throw new AgentRefused(
          "agent: user '" + caller + "' has " + MAX_AGENTS_PER_USER + " agents, the most allowed");
    }
    if (slicesOfCaller > MAX_SLICES_PER_USER) {
      throw new AgentRefused(
          "slices: user '"
              + caller
              + "' would offer "
              + slicesOfCaller
              + " slices, more than the "
              + MAX_SLICES_PER_USER
              + " allowed");
    }
    Map<String, String> owner = new HashMap<>();
    agents.values().forEach(a -> a.slices().forEach(s -> owner.put(s.id(), a.id())));
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < request.slices().size(); i++) {
      String id = request.slices().get(i).id();
      String other = owner.get(id);
      if (other != null && !other.equals(request.agent())) {
        AgentRecord o = agents.get(other);
        if (o.lastSeen().plus(settings.sliceLease()).isAfter(now)) {
          throw new AgentRefused("slices[" + i + "].id: '" + id + "' is offered by agent " + other);
        }
        stale.add(other);
      }
    }
    for (String gone : stale) {
      LOG.info("agent {} is gone: {} offers its slices", gone, request.agent());
      agents.remove(gone);
      holdings.values().removeIf(h -> h.agent().equals(gone));
      idle.values().removeIf(gone::equals);
      deliveries.remove(gone);
    }
    agents.put(
        request.agent(),
        new AgentRecord(
            request.agent(), request.slices(), now, simulated, caller, owners, request.address()));
    rebuild(now);
  }

  /** A new ledger over every agent's slices, keeping the leases on slices that remain. */
  private void rebuild(Instant now) {
    List<Slice> all = new ArrayList<>();
    agents.values().forEach(a -> all.addAll(a.slices()));
    agentOf.clear();
    agents.values().forEach(a -> a.slices().forEach(sl -> agentOf.put(sl.id(), a.id())));
    idle.keySet().retainAll(agentOf.keySet());
    Ledger fresh = new Ledger(new Inventory(all), clock);
    shares.values().forEach(share -> fresh.reserve(share.over(fresh.size())));
    Map<String, Holding> kept = new HashMap<>();
    for (var e : holdings.entrySet()) {
      int i = fresh.indexOf(e.getKey());
      int old = ledger.indexOf(e.getKey());
      if (i < 0 || old < 0 || ledger.leaseOn(old) == null) {
        continue;
      }
      Holding h = e.getValue();
      Instant expires = ledger.leaseOn(old).expires();
      if (!expires.isAfter(now)) {
        expires = now.plusSeconds(1);
      }
      SliceRequest r =
          new SliceRequest(h.study(), h.user(), 1, 0, EnumSet.allOf(SliceKind.class), null, false);
      Lease l =
          fresh
              .apply(new Decision.Grant(r, List.of(fresh.slice(i)), expires, List.of(), "kept"))
              .get(0);
      kept.put(e.getKey(), new Holding(h.agent(), h.study(), h.user(), h.trial(), l.id()));
    }
    for (int i = 0; i < fresh.size(); i++) {
      if (fresh.isFree(i)) {
        fresh.withhold(fresh.slice(i).id());
      }
    }
    ledger = fresh;
    holdings.clear();
    holdings.putAll(kept);
    preempting.keySet().retainAll(kept.keySet());
  }

  /**
   * Releases the slices whose agent stopped calling. A trial of a group spread over agents is told
   * lost when one of its other agents goes silent (its rank 0's agent still heartbeats it, so its
   * own lease would never run out); its remaining ranks stop at their next heartbeat.
   */
  private void expire() {
    Set<String> told = new HashSet<>();
    for (Lease l : ledger.expire()) {
      Holding h = holdings.remove(l.slice().id());
      preempting.remove(l.slice().id());
      ledger.withhold(l.slice().id());
      if (h != null
          && holdings.values().stream()
              .anyMatch(o -> o.sameTrial(h) && !o.agent().equals(h.agent()))
          && told.add(h.study() + ":" + h.trial())) {
        try {
          studies.tell(
              h.study(),
              h.trial(),
              new Outcome.Lost(
                  "worker group: agent "
                      + h.agent()
                      + " stopped calling ("
                      + l.slice().id()
                      + ")"));
        } catch (RuntimeException finished) {
          // told meanwhile
        }
      }
    }
  }
}
