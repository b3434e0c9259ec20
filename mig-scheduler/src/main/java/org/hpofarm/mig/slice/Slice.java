package org.hpofarm.mig.slice;

/**
 * A slice: the unit one trial process runs on.
 *
 * @param id what the process is given: a {@code MIG-...} or {@code GPU-...} UUID, or a slot name
 * @param node the host the slice is on (worker groups prefer one node)
 * @param gpu the physical GPU's id, or {@code null} for a CPU slot
 * @param model the GPU model key, or {@code cpu}
 * @param profile the MIG profile, {@code whole}, {@code shared} or {@code cpu}: the profile class
 * @param memoryMiB memory the process may use (GPU memory; for CPU slots, host memory or 0)
 * @param computeSlices MIG compute slices (7 for a whole A100, 0 for CPU)
 */
public record Slice(
    String id,
    SliceKind kind,
    String node,
    String gpu,
    String model,
    String profile,
    long memoryMiB,
    int computeSlices) {

  public Slice {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("slice.id: must not be blank");
    }
    if (kind == null) {
      throw new IllegalArgumentException("slice.kind: must not be null (" + id + ")");
    }
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("slice.node: must not be blank (" + id + ")");
    }
    if (memoryMiB < 0) {
      throw new IllegalArgumentException("slice.memoryMiB: must not be negative (" + id + ")");
    }
    if (kind != SliceKind.CPU && gpu == null) {
      throw new IllegalArgumentException(
          "slice.gpu: a " + kind + " slice needs a GPU (" + id + ")");
    }
  }
}
