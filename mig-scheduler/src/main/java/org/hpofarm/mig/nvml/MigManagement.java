package org.hpofarm.mig.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * MIG management through NVML: creates a GPU instance at a placement with one compute instance
 * spanning it, and destroys both. Obtained only from {@link Nvml#management()} when the
 * configuration enables it; needs the privileges the driver asks for.
 */
public final class MigManagement {

  /** A created instance pair; pass it back to {@link #destroy} to remove it. */
  public record CreatedInstance(Pointer gpuInstance, Pointer computeInstance) {}

  private final Nvml session;
  private final NvmlLibrary nvml;

  MigManagement(Nvml session, NvmlLibrary nvml) {
    this.session = session;
    this.nvml = nvml;
  }

  /**
   * Creates a GPU instance of {@code profile} at {@code placement} on GPU {@code gpuIndex} and a
   * compute instance that uses all its slices.
   */
  public CreatedInstance create(
      int gpuIndex, NvmlGpuInstanceProfile profile, NvmlPlacement placement) {
    if (!profile.placements().contains(placement)) {
      throw new IllegalArgumentException(
          "placement: " + placement + " is not a possible placement of " + profile.name());
    }
    Pointer device = session.handle(gpuIndex);
    PointerByReference gpuInstance = new PointerByReference();
    session.check(
        "nvmlDeviceCreateGpuInstanceWithPlacement",
        nvml.nvmlDeviceCreateGpuInstanceWithPlacement(
            device,
            profile.id(),
            new NvmlLibrary.GpuInstancePlacement(placement.start(), placement.size()),
            gpuInstance));
    PointerByReference computeInstance = new PointerByReference();
    int code =
        nvml.nvmlGpuInstanceCreateComputeInstance(
            gpuInstance.getValue(), computeProfile(profile.sliceCount()), computeInstance);
    if (code != NvmlReturn.SUCCESS) {
      nvml.nvmlGpuInstanceDestroy(gpuInstance.getValue());
      session.check("nvmlGpuInstanceCreateComputeInstance", code);
    }
    return new CreatedInstance(gpuInstance.getValue(), computeInstance.getValue());
  }

  /** Destroys the compute instance, then its GPU instance. */
  public void destroy(CreatedInstance instance) {
    session.check(
        "nvmlComputeInstanceDestroy", nvml.nvmlComputeInstanceDestroy(instance.computeInstance()));
    session.check("nvmlGpuInstanceDestroy", nvml.nvmlGpuInstanceDestroy(instance.gpuInstance()));
  }

  /** {@code NVML_COMPUTE_INSTANCE_PROFILE_<n>_SLICE} for a compute instance of {@code slices}. */
  static int computeProfile(int slices) {
    return switch (slices) {
      case 1 -> 0x0;
      case 2 -> 0x1;
      case 3 -> 0x2;
      case 4 -> 0x3;
      case 7 -> 0x4;
      case 8 -> 0x5;
      case 6 -> 0x6;
      default ->
          throw new IllegalArgumentException(
              "profile.sliceCount: no compute profile for " + slices);
    };
  }
}
