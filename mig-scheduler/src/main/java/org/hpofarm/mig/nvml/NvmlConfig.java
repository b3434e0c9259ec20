package org.hpofarm.mig.nvml;

/**
 * How the farm reaches NVML: the library to load and whether management calls are allowed.
 *
 * @param library a library name resolved by the dynamic loader ({@code libnvidia-ml.so.1}) or a
 *     full path to one
 * @param management whether {@link Nvml#management()} may create and destroy MIG instances; off
 *     unless a site turns it on explicitly, since it changes the GPUs for every user
 */
public record NvmlConfig(String library, boolean management) {
  /** The library name the NVIDIA driver installs. */
  public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

  public NvmlConfig {
    if (library == null || library.isBlank()) {
      throw new IllegalArgumentException("nvml.library: must name a library, got " + library);
    }
  }

  /** Discovery only, from the driver's library. */
  public static NvmlConfig discovery() {
    return new NvmlConfig(DEFAULT_LIBRARY, false);
  }
}
