package org.hpofarm.mig.allocation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;

/**
 * The farm's book of slices and leases: the state allocators read ({@link FarmView}) and the only
 * place it changes, by applying their decisions, releasing, renewing and expiring leases on the
 * injected clock.
 *
 * <p>Not thread-safe: one owner (the master's farm service or a simulation) serialises calls.
 */
public final class Ledger implements FarmView {

  private static final class Usage {
    int held;
    double finishedSeconds;
    double runningStartSum; // sum of epoch seconds at which running leases started
  }

  private final InstantSource clock;
  private final Slice[] slices;
  private final Map<String, Integer> indexById = new HashMap<>();
  private final List<ProfileClass> classes;
  private final int[] sliceClass;
  private final int[] sliceLocalNode;
  private final int[] position;
  private final BitSet free;
  private final BitSet withheld = new BitSet();
  private final Lease[] leases;
  private final Map<Long, Integer> sliceOfLease = new HashMap<>();
  private final PriorityQueue<Lease> byExpiry =
      new PriorityQueue<>(Comparator.comparing(Lease::expires).thenComparingLong(Lease::id));
  private final Map<String, Usage> studies = new HashMap<>();
  private final Map<String, Integer> users = new HashMap<>();
  private final List<Reservation> reservations = new ArrayList<>();
  private long nextLease = 1;
  private int freeCount;

  public Ledger(Inventory inventory, InstantSource clock) {
    this.clock = clock;
    this.slices = inventory.slices().toArray(Slice[]::new);
    int n = slices.length;
    this.sliceClass = new int[n];
    this.sliceLocalNode = new int[n];
    this.position = new int[n];
    this.free = new BitSet(n);
    this.leases = new Lease[n];
    Map<String, Integer> nodeIndex = new HashMap<>();
    Map<String, List<Integer>> byClass = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      indexById.put(slices[i].id(), i);
      nodeIndex.putIfAbsent(slices[i].node(), nodeIndex.size());
      byClass.computeIfAbsent(classKey(slices[i]), k -> new ArrayList<>()).add(i);
    }
    List<Map.Entry<String, List<Integer>>> entries = new ArrayList<>(byClass.entrySet());
    entries.sort(
        Comparator.comparingLong(
                (Map.Entry<String, List<Integer>> e) -> slices[e.getValue().get(0)].memoryMiB())
            .thenComparingInt(e -> slices[e.getValue().get(0)].computeSlices())
            .thenComparing(Map.Entry::getKey));
    List<ProfileClass> built = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : entries) {
      Map<Integer, Integer> local = new LinkedHashMap<>();
      Map<Integer, Integer> capacity = new HashMap<>();
      for (int i : e.getValue()) {
        int global = nodeIndex.get(slices[i].node());
        int l = local.computeIfAbsent(global, g -> local.size());
        sliceLocalNode[i] = l;
        capacity.merge(l, 1, Integer::sum);
        sliceClass[i] = built.size();
      }
      int[] caps = new int[local.size()];
      int[] globals = new int[local.size()];
      local.forEach(
          (g, l) -> {
            caps[l] = capacity.get(l);
            globals[l] = g;
          });
      Slice first = slices[e.getValue().get(0)];
      built.add(
          new ProfileClass(
              first.kind(),
              first.profile(),
              first.memoryMiB(),
              first.computeSlices(),
              caps,
              globals));
    }
    this.classes = List.copyOf(built);
    for (int i = 0; i < n; i++) {
      markFree(i);
    }
  }

  private static String classKey(Slice s) {
    return s.kind() + "/" + s.profile() + "/" + s.memoryMiB() + "/" + s.computeSlices();
  }

  // FarmView

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public List<ProfileClass> classes() {
    return classes;
  }

  @Override
  public Slice slice(int index) {
    return slices[index];
  }

  @Override
  public int size() {
    return slices.length;
  }

  @Override
  public int freeTotal() {
    return freeCount;
  }

  @Override
  public boolean isFree(int index) {
    return free.get(index);
  }

  @Override
  public int nextFree(int from) {
    return free.nextSetBit(from);
  }

  @Override
  public int held(String study) {
    Usage u = studies.get(study);
    return u == null ? 0 : u.held;
  }

  @Override
  public int heldByUser(String user) {
    return users.getOrDefault(user, 0);
  }

  @Override
  public double usedSeconds(String study) {
    Usage u = studies.get(study);
    if (u == null) {
      return 0;
    }
    double now = seconds(now());
    return u.finishedSeconds + u.held * now - u.runningStartSum;
  }

  @Override
  public List<Reservation> reservations() {
    return Collections.unmodifiableList(reservations);
  }

  @Override
  public Lease leaseOn(int index) {
    return leases[index];
  }

  @Override
  public int indexOf(String sliceId) {
    return indexById.getOrDefault(sliceId, -1);
  }

  /** Every lease in force, in inventory order. */
  public List<Lease> leases() {
    List<Lease> all = new ArrayList<>();
    for (Lease l : leases) {
      if (l != null) {
        all.add(l);
      }
    }
    return all;
  }

  // Changes

  /** Adds a reservation (a campaign's share during its window). */
  public void reserve(Reservation reservation) {
    reservations.add(reservation);
  }

  /** Drops the reservations of a study. */
  public void cancelReservations(String study) {
    reservations.removeIf(r -> r.study().equals(study));
  }

  /**
   * Carries out a decision: revokes the leases it preempts, then lends its slices. Returns the new
   * leases (none for a refusal). A grant of a slice that is not free is a broken allocator: it
   * fails with an {@link IllegalStateException} and changes nothing.
   */
  public List<Lease> apply(Decision decision) {
    if (!(decision instanceof Decision.Grant grant)) {
      return List.of();
    }
    for (long id : grant.preempt()) {
      if (!sliceOfLease.containsKey(id)) {
        throw new IllegalStateException("ledger: preempted lease " + id + " is not in force");
      }
    }
    List<Long> preempted = grant.preempt();
    int[] indices = new int[grant.slices().size()];
    for (int k = 0; k < indices.length; k++) {
      Slice s = grant.slices().get(k);
      int i = indexOf(s.id());
      if (i < 0) {
        throw new IllegalStateException("ledger: slice " + s.id() + " is not in the inventory");
      }
      boolean freedByPreemption = leases[i] != null && preempted.contains(leases[i].id());
      if (!free.get(i) && !freedByPreemption) {
        throw new IllegalStateException("ledger: slice " + s.id() + " is already lent");
      }
      for (int j = 0; j < k; j++) {
        if (indices[j] == i) {
          throw new IllegalStateException(
              "ledger: slice " + s.id() + " granted twice in one decision");
        }
      }
      indices[k] = i;
    }
    for (long id : preempted) {
      release(id);
    }
    Instant now = now();
    Duration term = Duration.between(now, grant.expires());
    SliceRequest r = grant.request();
    List<Lease> made = new ArrayList<>(indices.length);
    for (int i : indices) {
      Lease lease =
          new Lease(nextLease++, slices[i], r.study(), r.user(), now, grant.expires(), term);
      take(i, lease);
      made.add(lease);
    }
    return made;
  }

  /**
   * Takes a free slice out of service without a lease (a process the farm did not start runs on it,
   * or it is being reconfigured). Returns whether it was free.
   */
  public boolean withhold(String sliceId) {
    int i = indexOf(sliceId);
    if (i < 0) {
      throw new IllegalArgumentException("sliceId: " + sliceId + " is not in the inventory");
    }
    if (!free.get(i)) {
      return false;
    }
    free.clear(i);
    freeCount--;
    classes.get(sliceClass[i]).remove(i, sliceLocalNode[i], position);
    withheld.set(i);
    return true;
  }

  /** Puts a withheld slice back in service. Returns whether it was withheld. */
  public boolean restore(String sliceId) {
    int i = indexOf(sliceId);
    if (i < 0 || !withheld.get(i)) {
      return false;
    }
    withheld.clear(i);
    markFree(i);
    return true;
  }

  /** Ends a lease (its trial finished or was stopped); returns it, or null if not in force. */
  public Lease release(long leaseId) {
    Integer i = sliceOfLease.remove(leaseId);
    if (i == null) {
      return null;
    }
    Lease lease = leases[i];
    leases[i] = null;
    Usage u = studies.get(lease.study());
    u.held--;
    double start = seconds(lease.granted());
    u.runningStartSum -= start;
    u.finishedSeconds += seconds(now()) - start;
    users.merge(lease.user(), -1, Integer::sum);
    markFree(i);
    return lease;
  }

  /** Renews a lease for its term from now; returns the renewed lease, or null if not in force. */
  public Lease renew(long leaseId) {
    Integer i = sliceOfLease.get(leaseId);
    if (i == null) {
      return null;
    }
    Lease renewed = leases[i].renewed(now());
    leases[i] = renewed;
    byExpiry.add(renewed);
    return renewed;
  }

  /** Releases every lease whose expiry has passed and returns them. */
  public List<Lease> expire() {
    Instant now = now();
    List<Lease> expired = new ArrayList<>();
    while (!byExpiry.isEmpty() && byExpiry.peek().expiredAt(now)) {
      Lease candidate = byExpiry.poll();
      Integer i = sliceOfLease.get(candidate.id());
      if (i != null && leases[i].equals(candidate)) { // not renewed or released since
        expired.add(release(candidate.id()));
      }
    }
    return expired;
  }

  private void take(int i, Lease lease) {
    if (free.get(i)) {
      free.clear(i);
      freeCount--;
      classes.get(sliceClass[i]).remove(i, sliceLocalNode[i], position);
    }
    leases[i] = lease;
    sliceOfLease.put(lease.id(), i);
    byExpiry.add(lease);
    Usage u = studies.computeIfAbsent(lease.study(), k -> new Usage());
    u.held++;
    u.runningStartSum += seconds(lease.granted());
    users.merge(lease.user(), 1, Integer::sum);
  }

  private void markFree(int i) {
    free.set(i);
    freeCount++;
    classes.get(sliceClass[i]).add(i, sliceLocalNode[i], position);
  }

  private static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }
}
