package org.hpofarm.mig.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The MIG profiles of the GPUs in NVIDIA's public tables: A100-40GB, A100-80GB, H100-80GB, H200 and
 * A30. Used for simulated farms and planning; a real GPU's profiles come from NVML.
 */
public final class Catalogue {

  /*
   * Source: NVIDIA Multi-Instance GPU User Guide, "Supported MIG Profiles" (tables per GPU) and
   * "A100 MIG profiles placement" (the placement diagram). On the 7-compute-slice parts the memory
   * has 8 slots: a 1-slot profile starts at 0..6, the double-memory 1g at 0, 2, 4, 6, a 2g at 0, 2,
   * 4, a 3g (four slots wide) at 0 or 4, a 4g at 0 and a 7g covers all eight. The A30 has 4 compute
   * slices and 4 memory slots. Memory sizes are the nominal ones of the profile names; the MiB
   * NVML reports are slightly smaller (4864 MiB for 1g.5gb).
   * The A100 64GB of Leonardo is absent on purpose: its profiles are discovered through NVML.
   */

  private static final List<Integer> ONE_SLOT = List.of(0, 1, 2, 3, 4, 5, 6);
  private static final List<Integer> TWO_SLOTS = List.of(0, 2, 4, 6);
  private static final List<Integer> TWO_G = List.of(0, 2, 4);
  private static final List<Integer> THREE_G = List.of(0, 4);
  private static final List<Integer> AT_ZERO = List.of(0);

  private static final Map<String, GpuModel> MODELS =
      List.of(
              sevenSlice("a100-40gb", 40, 5),
              sevenSlice("a100-80gb", 80, 10),
              sevenSlice("h100-80gb", 80, 10),
              h200(),
              a30())
          .stream()
          .collect(Collectors.toUnmodifiableMap(GpuModel::name, Function.identity()));

  private Catalogue() {}

  /** The model with that key (case-insensitive), e.g. {@code a100-40gb}. */
  public static Optional<GpuModel> model(String name) {
    return Optional.ofNullable(MODELS.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The model with that key, or an {@link IllegalArgumentException} listing the known ones. */
  public static GpuModel requireModel(String name) {
    return model(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "model: unknown GPU model "
                        + name
                        + "; known: "
                        + MODELS.keySet().stream().sorted().toList()));
  }

  /** Every catalogued model. */
  public static List<GpuModel> models() {
    return MODELS.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  /** A model with seven compute slices and eight memory slots, named after its smallest slice. */
  private static GpuModel sevenSlice(String name, int gib, int smallGib) {
    return sevenSlice(name, gib, smallGib, 2 * smallGib, 4 * smallGib);
  }

  private static GpuModel sevenSlice(String name, int gib, int small, int twice, int half) {
    MigProfile one = MigProfile.of(1, 1, small, 7, ONE_SLOT);
    return new GpuModel(
        name,
        gib * 1024L,
        7,
        8,
        List.of(
            one,
            one.withMediaExtensions(),
            MigProfile.of(1, 2, twice, 4, TWO_SLOTS),
            MigProfile.of(2, 2, twice, 3, TWO_G),
            MigProfile.of(3, 4, half, 2, THREE_G),
            MigProfile.of(4, 4, half, 1, AT_ZERO),
            MigProfile.of(7, 8, gib, 1, AT_ZERO)));
  }

  /** H200 141GB: 1g.18gb, 1g.35gb, 2g.35gb, 3g.71gb, 4g.71gb, 7g.141gb. */
  private static GpuModel h200() {
    return sevenSlice("h200", 141, 18, 35, 71);
  }

  /** A30 24GB: four compute slices, four memory slots; 1g and 2g profiles come with {@code +me}. */
  private static GpuModel a30() {
    MigProfile one = MigProfile.of(1, 1, 6, 4, IntStream.range(0, 4).boxed().toList());
    MigProfile two = MigProfile.of(2, 2, 12, 2, List.of(0, 2));
    return new GpuModel(
        "a30-24gb",
        24 * 1024L,
        4,
        4,
        List.of(
            one,
            one.withMediaExtensions(),
            two,
            two.withMediaExtensions(),
            MigProfile.of(4, 4, 24, 1, AT_ZERO)));
  }
}
