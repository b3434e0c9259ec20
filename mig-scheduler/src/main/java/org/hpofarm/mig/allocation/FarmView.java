package org.hpofarm.mig.allocation;

import java.time.Instant;
import java.util.List;
import org.hpofarm.mig.slice.Slice;

/**
 * What an allocator may read of the farm's state: the free slices indexed by profile class, who
 * holds what, the reservations, and the time. Allocators never change it.
 */
public interface FarmView {

  Instant now();

  /** Profile classes, smallest memory first (then fewest compute slices). */
  List<ProfileClass> classes();

  /** The slice at an index of the inventory. */
  Slice slice(int index);

  int size();

  /** The inventory index of a slice id, or -1. */
  int indexOf(String sliceId);

  int freeTotal();

  boolean isFree(int index);

  /** The first free slice at or after {@code from}, or -1 (inventory order). */
  int nextFree(int from);

  /** Slices a study holds now. */
  int held(String study);

  /** Slices a user holds now. */
  int heldByUser(String user);

  /** Slice-seconds a study has used so far (finished and running leases). */
  double usedSeconds(String study);

  List<Reservation> reservations();

  /** The lease on a slice, or null when it is free. */
  Lease leaseOn(int index);
}
