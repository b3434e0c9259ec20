package org.hpofarm.mig.catalogue;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A valid MIG configuration of one GPU: its instances with their placements. Construction checks
 * the geometry ({@link Geometry#violations}).
 */
public record Layout(GpuModel model, List<Placement> placements) {
  public Layout {
    placements = placements.stream().sorted(Comparator.comparingInt(Placement::start)).toList();
    List<String> violations = Geometry.violations(model, placements);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException("layout: " + String.join("; ", violations));
    }
  }

  /** How many instances of each profile, largest profile first. */
  public Map<String, Long> counts() {
    return placements.stream()
        .map(Placement::profile)
        .sorted(
            Comparator.comparingInt(MigProfile::computeSlices)
                .thenComparingLong(MigProfile::memoryMiB)
                .reversed()
                .thenComparing(MigProfile::name))
        .collect(
            Collectors.groupingBy(MigProfile::name, LinkedHashMap::new, Collectors.counting()));
  }

  /** The layout in description form, e.g. {@code 3g.20gb+2g.10gb+2x1g.5gb}. */
  public String describe() {
    return counts().entrySet().stream()
        .map(e -> e.getValue() == 1 ? e.getKey() : e.getValue() + "x" + e.getKey())
        .collect(Collectors.joining("+"));
  }

  /** Compute slices in use. */
  public int computeSlices() {
    return placements.stream().mapToInt(p -> p.profile().computeSlices()).sum();
  }
}
