package org.hpofarm.mig.allocation;

import java.util.EnumSet;
import java.util.Set;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;

/**
 * What a study asks of the farm: {@code count} slices (a worker group when more than one) of at
 * least {@code minMemoryMiB} each, of the allowed kinds, optionally of one profile.
 *
 * @param profile a MIG profile or slice profile to insist on, or {@code null} for any
 * @param sameNode whether a group must share a node (otherwise one node is only preferred)
 */
public record SliceRequest(
    String study,
    String user,
    int count,
    long minMemoryMiB,
    Set<SliceKind> kinds,
    String profile,
    boolean sameNode) {

  /** GPU slices of any kind. */
  public static final Set<SliceKind> GPU =
      EnumSet.of(SliceKind.MIG, SliceKind.WHOLE_GPU, SliceKind.SHARED_GPU);

  public SliceRequest {
    if (study == null || study.isBlank()) {
      throw new IllegalArgumentException("request.study: must not be blank");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("request.user: must not be blank");
    }
    if (count < 1) {
      throw new IllegalArgumentException("request.count: must be at least 1, got " + count);
    }
    if (minMemoryMiB < 0) {
      throw new IllegalArgumentException(
          "request.minMemoryMiB: must not be negative, got " + minMemoryMiB);
    }
    if (kinds == null || kinds.isEmpty()) {
      throw new IllegalArgumentException("request.kinds: must name at least one slice kind");
    }
    kinds = Set.copyOf(kinds);
  }

  /** One GPU slice of at least {@code minMemoryMiB}. */
  public static SliceRequest of(String study, String user, long minMemoryMiB) {
    return new SliceRequest(study, user, 1, minMemoryMiB, GPU, null, false);
  }

  /** The same request for a worker group of {@code n} slices. */
  public SliceRequest group(int n) {
    return new SliceRequest(study, user, n, minMemoryMiB, kinds, profile, sameNode);
  }

  /** The same request for these kinds. */
  public SliceRequest kinds(Set<SliceKind> allowed) {
    return new SliceRequest(study, user, count, minMemoryMiB, allowed, profile, sameNode);
  }

  /** Whether a slice can serve this request (kind, profile, memory). */
  public boolean accepts(Slice slice) {
    return kinds.contains(slice.kind())
        && slice.memoryMiB() >= minMemoryMiB
        && (profile == null || profile.equals(slice.profile()));
  }
}
