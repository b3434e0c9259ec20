package org.hpofarm.mig.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * A GPU model as the scheduler sees it: its memory, its compute and memory slices, and the MIG
 * profiles it offers (none for a GPU without MIG).
 *
 * @param name the key used in farm descriptions, e.g. {@code a100-40gb}
 * @param computeSlices 7 on A100/H100/H200, 4 on A30
 * @param memorySlots 8 on A100/H100/H200, 4 on A30
 */
public record GpuModel(
    String name, long memoryMiB, int computeSlices, int memorySlots, List<MigProfile> profiles) {

  public GpuModel {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model.name: must not be blank");
    }
    if (memoryMiB < 1) {
      throw new IllegalArgumentException("model." + name + ".memoryMiB: must be positive");
    }
    profiles = List.copyOf(profiles);
  }

  /** Whether the model offers MIG profiles. */
  public boolean migCapable() {
    return !profiles.isEmpty();
  }

  /** The profile of that name. */
  public Optional<MigProfile> profile(String profileName) {
    return profiles.stream().filter(p -> p.name().equals(profileName)).findFirst();
  }

  /** The profile of that name, or an {@link IllegalArgumentException} naming what exists. */
  public MigProfile requireProfile(String profileName) {
    return profile(profileName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "profile: "
                        + name
                        + " has no MIG profile "
                        + profileName
                        + "; it has "
                        + profiles.stream().map(MigProfile::name).toList()));
  }
}
