package org.hpofarm.mig.slice;

import java.util.ArrayList;
import java.util.List;
import org.hpofarm.mig.catalogue.Catalogue;
import org.hpofarm.mig.catalogue.Geometry;
import org.hpofarm.mig.catalogue.GpuModel;
import org.hpofarm.mig.catalogue.Layout;
import org.hpofarm.mig.catalogue.Placement;

/**
 * Parses a simulated farm description into an {@link Inventory}.
 *
 * <p>Groups are separated by commas: {@code MODEL:GPUS:LAYOUT} for GPUs ({@code
 * a100-40gb:25:7x1g.5gb}, {@code h100-80gb:4:3g.40gb+2g.20gb+2x1g.10gb}, {@code a100-40gb:8:whole},
 * {@code a100-40gb:8:shared4}) and {@code cpu:NODES:SLOTS} for CPU slots ({@code cpu:1:2}). GPUs
 * sit four to a node, as on Leonardo's booster nodes. MIG layouts are checked against the
 * catalogue's geometry.
 */
public final class FarmDescription {
  /** GPUs per simulated node. */
  public static final int GPUS_PER_NODE = 4;

  private FarmDescription() {}

  public static Inventory parse(String description) {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("farm: the description must not be blank");
    }
    List<Slice> slices = new ArrayList<>();
    int gpuCounter = 0;
    int nodeCounter = 0;
    for (String rawGroup : description.split(",")) {
      String group = rawGroup.trim();
      String[] parts = group.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "farm: group '" + group + "' must be MODEL:COUNT:LAYOUT (or cpu:NODES:SLOTS)");
      }
      int count = positive(parts[1], group);
      if (parts[0].equalsIgnoreCase("cpu")) {
        int slots = positive(parts[2], group);
        for (int n = 0; n < count; n++) {
          String node = String.format("node-%05d", nodeCounter++);
          for (int i = 0; i < slots; i++) {
            slices.add(
                new Slice(node + "/cpu-" + i, SliceKind.CPU, node, null, "cpu", "cpu", 0, 0));
          }
        }
        continue;
      }
      GpuModel model = Catalogue.requireModel(parts[0]);
      String layoutText = parts[2].trim();
      Layout layout = null;
      int shared = 0;
      if (layoutText.startsWith("shared")) {
        shared = positive(layoutText.substring("shared".length()), group);
      } else if (!layoutText.equals("whole")) {
        layout = Geometry.parse(model, layoutText);
      }
      int firstNode = nodeCounter;
      for (int g = 0; g < count; g++) {
        String node = String.format("node-%05d", firstNode + g / GPUS_PER_NODE);
        String gpu = String.format("GPU-sim-%06d", gpuCounter++);
        if (layout != null) {
          int i = 0;
          for (Placement p : layout.placements()) {
            slices.add(
                new Slice(
                    "MIG-sim-" + gpu.substring(8) + "-" + i++,
                    SliceKind.MIG,
                    node,
                    gpu,
                    model.name(),
                    p.profile().name(),
                    p.profile().memoryMiB(),
                    p.profile().computeSlices()));
          }
        } else if (shared > 0) {
          for (int i = 0; i < shared; i++) {
            slices.add(
                new Slice(
                    gpu + "/" + i,
                    SliceKind.SHARED_GPU,
                    node,
                    gpu,
                    model.name(),
                    "shared",
                    model.memoryMiB() / shared,
                    0));
          }
        } else {
          slices.add(
              new Slice(
                  gpu,
                  SliceKind.WHOLE_GPU,
                  node,
                  gpu,
                  model.name(),
                  "whole",
                  model.memoryMiB(),
                  model.computeSlices()));
        }
      }
      nodeCounter = firstNode + (count + GPUS_PER_NODE - 1) / GPUS_PER_NODE;
    }
    return new Inventory(slices);
  }

  private static int positive(String text, String group) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "farm: '" + text + "' in '" + group + "' must be a positive count");
  }
}
