package org.hpofarm.mig.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpofarm.mig.slice.Slice;

/**
 * The farm's allocator: best fit by memory and profile class, worker groups on one node when
 * possible, reservations honoured inside their windows, and weighted fair share for the order of
 * pending requests.
 */
public final class BestFitAllocator implements SliceAllocator {

  /*
   * Placement, in order:
   * 1. Reservations. Inside an active reservation's window, slices it still claims (its size less
   *    what its study holds) are invisible to other studies. A study under its reservation may
   *    preempt borrowers: when nothing fits, the youngest leases of studies without an active
   *    reservation, on slices that fit, are revoked (the least work lost; their trials checkpoint).
   *    Outside the window the reservation is void and its slices are anyone's.
   * 2. Best fit. Classes are visited from the smallest memory up; the first with enough free
   *    slices that fit wins, so a 5 GB trial never takes a 20 GB instance while a 5 GB one is free
   *    (best fit beats first fit on fragmentation: Johnson 1974; for MIG, the same argument in
   *    Li et al. 2022 "Characterizing Multi-Instance GPU for Machine Learning Workloads").
   * 3. Nodes. A single slice goes to the busiest node that has a free one; a group of k goes to
   *    the busiest node with k free (one node: the group's traffic stays on the node), and only
   *    when no node has k free, and the request does not insist, is it spread over the fullest
   *    nodes.
   * 4. Order. Pending requests are served in weighted fair-share order (FairShare), except that
   *    a request whose own size is used up waits rather than take a larger slice another pending
   *    request cannot do without (small trials would otherwise eat the scarce 3g instances).
   * Every step reads indexed free lists (ProfileClass), never the whole farm: a placement costs
   * O(classes x slices per node), independent of farm size.
   */

  private final FairShare fairShare;
  private final Duration leaseTerm;

  public BestFitAllocator(FairShare fairShare, Duration leaseTerm) {
    if (leaseTerm.isNegative() || leaseTerm.isZero()) {
      throw new IllegalArgumentException("allocator.leaseTerm: must be positive, got " + leaseTerm);
    }
    this.fairShare = fairShare;
    this.leaseTerm = leaseTerm;
  }

  /**
   * The fair-share order, except that a request whose own size is used up does not take a larger
   * slice that another pending request needs (and cannot do without): it waits for its size.
   */
  @Override
  public Optional<SliceRequest> next(List<SliceRequest> pending, FarmView farm) {
    if (pending.size() <= 1) {
      return fairShare.next(pending, farm);
    }
    List<SliceRequest> order = fairShare.order(pending, farm);
    for (SliceRequest r : order) {
      ProfileClass smallest = null;
      ProfileClass target = null;
      for (ProfileClass c : fitting(r, farm)) {
        if (smallest == null) {
          smallest = c;
        }
        if (c.free() >= r.count()) {
          target = c;
          break;
        }
      }
      if (target == null) {
        continue; // cannot go anywhere now
      }
      if (target == smallest
          || reserved(farm, r.study())
          || !neededByAnother(r, smallest, target, order)) {
        return Optional.of(r);
      }
    }
    return Optional.of(order.get(0));
  }

  /** Whether another request fits {@code target} but not {@code r}'s own, smaller class. */
  private static boolean neededByAnother(
      SliceRequest r, ProfileClass own, ProfileClass target, List<SliceRequest> order) {
    for (SliceRequest q : order) {
      if (q != r
          && q.kinds().contains(target.kind())
          && q.minMemoryMiB() <= target.memoryMiB()
          && (q.profile() == null || q.profile().equals(target.profile()))
          && q.minMemoryMiB() > own.memoryMiB()) {
        return true;
      }
    }
    return false;
  }

  private static boolean reserved(FarmView farm, String study) {
    for (Reservation res : farm.reservations()) {
      if (res.study().equals(study)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Decision place(SliceRequest request, FarmView farm) {
    Instant now = farm.now();
    Reservation own = null;
    int claimedByOthers = 0;
    for (Reservation r : farm.reservations()) {
      if (!r.activeAt(now)) {
        continue;
      }
      int outstanding = Math.max(0, r.slices() - farm.held(r.study()));
      if (r.study().equals(request.study())) {
        own = outstanding > 0 ? r : own;
      } else {
        claimedByOthers += outstanding;
      }
    }
    if (farm.freeTotal() - claimedByOthers < request.count()) {
      if (own != null) {
        return preempt(request, farm, now);
      }
      return new Decision.Refusal(
          request,
          claimedByOthers > 0
              ? "the free slices are reserved for campaigns until their windows end"
              : "no free slice");
    }
    List<ProfileClass> fitting = fitting(request, farm);
    if (request.count() == 1) {
      for (ProfileClass c : fitting) {
        int slice = c.pickSingle();
        if (slice >= 0) {
          return grant(
              request, farm, now, new int[] {slice}, List.of(), "best fit in " + c.profile());
        }
      }
    } else {
      for (ProfileClass c : fitting) {
        int node = c.nodeWithAtLeast(request.count());
        if (node >= 0) {
          return grant(
              request,
              farm,
              now,
              c.onNode(node, request.count()),
              List.of(),
              "group on one node in " + c.profile());
        }
      }
      if (!request.sameNode()) {
        for (ProfileClass c : fitting) {
          int[] spread = c.spread(request.count());
          if (spread != null) {
            return grant(
                request, farm, now, spread, List.of(), "group spread over nodes in " + c.profile());
          }
        }
      }
    }
    if (own != null) {
      return preempt(request, farm, now);
    }
    return new Decision.Refusal(request, "no free slice fits " + describe(request));
  }

  private static List<ProfileClass> fitting(SliceRequest request, FarmView farm) {
    List<ProfileClass> fitting = new ArrayList<>(4);
    for (ProfileClass c : farm.classes()) {
      if (request.kinds().contains(c.kind())
          && c.memoryMiB() >= request.minMemoryMiB()
          && (request.profile() == null || request.profile().equals(c.profile()))) {
        fitting.add(c);
      }
    }
    return fitting;
  }

  /** Frees slices held by borrowers for a study under its reservation. */
  private Decision preempt(SliceRequest request, FarmView farm, Instant now) {
    List<Integer> candidates = new ArrayList<>();
    List<Long> victims = new ArrayList<>();
    for (int i = farm.nextFree(0);
        i >= 0 && candidates.size() < request.count();
        i = farm.nextFree(i + 1)) {
      if (request.accepts(farm.slice(i))) {
        candidates.add(i);
      }
    }
    for (Lease l : borrowers(request, farm, request.count() - candidates.size(), l -> true)) {
      candidates.add(farm.indexOf(l.slice().id()));
      victims.add(l.id());
    }
    if (candidates.size() < request.count()) {
      return new Decision.Refusal(request, "no free or borrowed slice fits " + describe(request));
    }
    int[] chosen = candidates.stream().mapToInt(Integer::intValue).toArray();
    return grant(
        request,
        farm,
        now,
        chosen,
        victims,
        "reservation of " + request.study() + " preempts borrowers");
  }

  /**
   * The borrowers a study under its reservation preempts for {@code request}: at most {@code count}
   * leases of studies without an active reservation, on slices the request accepts, among those
   * {@code eligible} admits, youngest first (the least work lost).
   */
  public static List<Lease> borrowers(
      SliceRequest request,
      FarmView farm,
      int count,
      java.util.function.Predicate<Lease> eligible) {
    Instant now = farm.now();
    List<Lease> borrowed = new ArrayList<>();
    for (int i = 0; i < farm.size(); i++) {
      Lease l = farm.leaseOn(i);
      if (l != null
          && request.accepts(l.slice())
          && !reservedAt(farm, l.study(), now)
          && eligible.test(l)) {
        borrowed.add(l);
      }
    }
    borrowed.sort((a, b) -> b.granted().compareTo(a.granted()));
    return borrowed.subList(0, Math.max(0, Math.min(count, borrowed.size())));
  }

  private static boolean reservedAt(FarmView farm, String study, Instant now) {
    for (Reservation r : farm.reservations()) {
      if (r.study().equals(study) && r.activeAt(now)) {
        return true;
      }
    }
    return false;
  }

  private Decision grant(
      SliceRequest request,
      FarmView farm,
      Instant now,
      int[] indices,
      List<Long> preempt,
      String reason) {
    List<Slice> chosen = new ArrayList<>(indices.length);
    for (int i : indices) {
      chosen.add(farm.slice(i));
    }
    return new Decision.Grant(request, chosen, now.plus(leaseTerm), preempt, reason);
  }

  private static String describe(SliceRequest r) {
    return r.count()
        + " x "
        + r.kinds()
        + " with "
        + r.minMemoryMiB()
        + " MiB"
        + (r.profile() == null ? "" : " of " + r.profile());
  }
}
