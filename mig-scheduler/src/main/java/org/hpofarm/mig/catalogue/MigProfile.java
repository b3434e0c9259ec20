package org.hpofarm.mig.catalogue;

import java.util.List;

/**
 * A GPU-instance profile of a MIG-capable GPU: how many compute and memory slices it takes, how
 * many instances of it fit, and the memory slots where an instance may start.
 *
 * @param name e.g. {@code 3g.20gb} or {@code 1g.5gb+me}
 * @param computeSlices the {@code g} of the name: streaming-multiprocessor slices
 * @param memorySlices memory slots taken, the width of a placement (a {@code 3g} takes four)
 * @param memoryMiB the instance's memory
 * @param maxInstances at most this many instances of the profile on one GPU
 * @param starts the memory slots where an instance may start
 */
public record MigProfile(
    String name,
    int computeSlices,
    int memorySlices,
    long memoryMiB,
    int maxInstances,
    List<Integer> starts) {

  public MigProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("profile.name: must not be blank");
    }
    if (computeSlices < 1 || memorySlices < 1 || maxInstances < 1 || memoryMiB < 1) {
      throw new IllegalArgumentException(
          "profile." + name + ": slices, memory and instances must be positive");
    }
    starts = List.copyOf(starts);
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("profile." + name + ".starts: must not be empty");
    }
  }

  /** Whether the profile carries the media extensions ({@code +me}): at most one per GPU. */
  public boolean mediaExtensions() {
    return name.endsWith("+me");
  }

  /** A profile named by its slices and memory in GiB, {@code <c>g.<m>gb}. */
  static MigProfile of(
      int computeSlices, int memorySlices, int gib, int maxInstances, List<Integer> starts) {
    return new MigProfile(
        computeSlices + "g." + gib + "gb",
        computeSlices,
        memorySlices,
        gib * 1024L,
        maxInstances,
        starts);
  }

  /** The same profile with media extensions: one instance at most. */
  MigProfile withMediaExtensions() {
    return new MigProfile(name + "+me", computeSlices, memorySlices, memoryMiB, 1, starts);
  }
}
