package org.hpofarm.mig.allocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.mig.slice.Slice;

/**
 * What the farm looks like at one instant: GPUs with their slices and who holds each, plus the
 * reservations in force; the shape of {@code GET /api/v1/farm}.
 */
public record FarmSnapshot(
    List<GpuEntry> gpus, List<SliceEntry> cpuSlots, List<Reservation> reservations) {

  /** One slice and its lease, if any ({@code leaseId} 0 and {@code study} null when free). */
  public record SliceEntry(
      String id, String kind, String profile, long memoryMiB, long leaseId, String study) {}

  /** One physical GPU. */
  public record GpuEntry(String id, String model, String node, List<SliceEntry> slices) {}

  public FarmSnapshot {
    gpus = List.copyOf(gpus);
    cpuSlots = List.copyOf(cpuSlots);
    reservations = List.copyOf(reservations);
  }

  /** The ledger's current state. */
  public static FarmSnapshot of(Ledger ledger) {
    Map<String, GpuEntry> gpus = new LinkedHashMap<>();
    Map<String, List<SliceEntry>> slices = new LinkedHashMap<>();
    List<SliceEntry> cpu = new ArrayList<>();
    for (int i = 0; i < ledger.size(); i++) {
      Slice s = ledger.slice(i);
      Lease l = ledger.leaseOn(i);
      SliceEntry entry =
          new SliceEntry(
              s.id(),
              s.kind().name(),
              s.profile(),
              s.memoryMiB(),
              l == null ? 0 : l.id(),
              l == null ? null : l.study());
      if (s.gpu() == null) {
        cpu.add(entry);
        continue;
      }
      List<SliceEntry> list = slices.computeIfAbsent(s.gpu(), g -> new ArrayList<>());
      list.add(entry);
      gpus.putIfAbsent(s.gpu(), new GpuEntry(s.gpu(), s.model(), s.node(), list));
    }
    List<GpuEntry> built =
        gpus.values().stream()
            .map(g -> new GpuEntry(g.id(), g.model(), g.node(), slices.get(g.id())))
            .toList();
    return new FarmSnapshot(built, cpu, ledger.reservations());
  }
}
