package org.hpofarm.mig.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exercises the binding against a fake NVML built from C, so layouts and calls are real. */
class NvmlTest {
  private static Path library;

  @BeforeAll
  static void build() throws Exception {
    Optional<Path> path = FakeNvmlLibrary.path();
    assumeTrue(path.isPresent(), "gcc is not installed");
    library = path.get();
  }

  private static Nvml open(boolean management) {
    return Nvml.open(new NvmlConfig(library.toString(), management));
  }

  @Test
  void discoversThreeGpusWithTheirMigDevices() {
    try (Nvml nvml = open(false)) {
      assertEquals("550.54.15-fake", nvml.driverVersion());
      List<NvmlGpu> gpus = nvml.discover();
      assertEquals(3, gpus.size());

      NvmlGpu first = gpus.get(0);
      assertEquals("NVIDIA A100-SXM4-40GB", first.name());
      assertEquals("GPU-11111111-2222-3333-4444-000000000000", first.uuid());
      assertEquals(40960, first.memoryMiB());
      assertTrue(first.migEnabled());
      assertEquals(7, first.migDevices().size());
      for (NvmlMigDevice d : first.migDevices()) {
        assertEquals("1g.5gb", d.profile());
        assertEquals(1, d.gpuInstanceSlices());
        assertEquals(1, d.computeInstanceSlices());
        assertEquals(14, d.multiprocessors());
        assertEquals(4864, d.memoryMiB());
        assertTrue(d.uuid().startsWith("MIG-"));
      }
      NvmlMigDevice busy = first.migDevices().get(3);
      assertEquals(10, busy.gpuInstanceId());
      assertEquals(List.of(new NvmlProcess(4242, 512L << 20, 10, 0)), busy.processes());
    }
  }

  @Test
  void skipsSparseMigIndices() {
    try (Nvml nvml = open(false)) {
      NvmlGpu second = nvml.gpu(1);
      assertEquals(
          List.of(0, 2, 3, 5), second.migDevices().stream().map(NvmlMigDevice::index).toList());
      assertEquals(
          List.of("3g.20gb", "2g.10gb", "1g.5gb", "1g.5gb"),
          second.migDevices().stream().map(NvmlMigDevice::profile).toList());
      assertEquals(
          List.of(3, 2, 1, 1),
          second.migDevices().stream().map(NvmlMigDevice::gpuInstanceSlices).toList());
      assertEquals(19968, second.migDevices().get(0).memoryMiB());
    }
  }

  @Test
  void readsProfilesAndPlacementsFromTheGpu() {
    try (Nvml nvml = open(false)) {
      List<NvmlGpuInstanceProfile> profiles = nvml.gpu(0).profiles();
      assertEquals(
          List.of("1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb", "1g.5gb+me", "1g.10gb"),
          profiles.stream().map(NvmlGpuInstanceProfile::name).toList());
      NvmlGpuInstanceProfile small = profiles.get(0);
      assertEquals(19, small.id());
      assertEquals(7, small.instanceCount());
      assertEquals(4864, small.memoryMiB());
      assertEquals(7, small.placements().size());
      assertEquals(new NvmlPlacement(6, 1), small.placements().get(6));
      NvmlGpuInstanceProfile three = profiles.get(2);
      assertEquals(List.of(new NvmlPlacement(0, 4), new NvmlPlacement(4, 4)), three.placements());
      NvmlGpuInstanceProfile two = profiles.get(1);
      assertEquals(
          List.of(new NvmlPlacement(0, 2), new NvmlPlacement(2, 2), new NvmlPlacement(4, 2)),
          two.placements());
      assertEquals(42, profiles.get(2).multiprocessors());
    }
  }

  /** The test-only switch of the fake library. */
  interface FakeSwitch extends com.sun.jna.Library {
    void fakeNvmlDisableV2(int disabled);

    void fakeNvmlFreeSlots(int gpu, int mask);
  }

  @Test
  void managementCreatesAndDestroysAnInstanceWhereThereIsRoom() {
    FakeSwitch fake = com.sun.jna.Native.load(library.toString(), FakeSwitch.class);
    fake.fakeNvmlFreeSlots(1, 0x3); // memory slots 0 and 1 of the second GPU
    try (Nvml nvml = open(true)) {
      MigManagement management = nvml.management();
      NvmlGpuInstanceProfile two =
          nvml.gpu(1).profiles().stream()
              .filter(p -> p.name().equals("2g.10gb"))
              .findFirst()
              .orElseThrow();
      MigManagement.CreatedInstance created = management.create(1, two, new NvmlPlacement(0, 2));
      NvmlException again =
          assertThrows(
              NvmlException.class, () -> management.create(1, two, new NvmlPlacement(0, 2)));
      assertEquals(NvmlReturn.ERROR_INSUFFICIENT_RESOURCES, again.code());
      management.destroy(created);
      NvmlException twice = assertThrows(NvmlException.class, () -> management.destroy(created));
      assertEquals("nvmlComputeInstanceDestroy", twice.function());
    }
  }

  @Test
  void olderDriversAnswerThroughTheUnversionedProfileCall() {
    FakeSwitch fake = com.sun.jna.Native.load(library.toString(), FakeSwitch.class);
    try (Nvml nvml = open(false)) {
      fake.fakeNvmlDisableV2(1);
      List<NvmlGpuInstanceProfile> profiles = nvml.gpu(0).profiles();
      assertEquals(
          List.of("1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb", "1g.5gb+me", "1g.10gb"),
          profiles.stream().map(NvmlGpuInstanceProfile::name).toList());
      assertEquals(
          List.of(new NvmlPlacement(0, 4), new NvmlPlacement(4, 4)), profiles.get(2).placements());
    } finally {
      fake.fakeNvmlDisableV2(0);
    }
  }

  @Test
  void aGpuWithoutMigIsAWholeGpuWithItsProcesses() {
    try (Nvml nvml = open(false)) {
      NvmlGpu v100 = nvml.gpu(2);
      assertFalse(v100.migCapable());
      assertFalse(v100.migEnabled());
      assertTrue(v100.migDevices().isEmpty());
      assertTrue(v100.profiles().isEmpty());
      assertEquals(32768, v100.memoryMiB());
      assertEquals(
          List.of(new NvmlProcess(7001, 1L << 30, -1, -1), new NvmlProcess(7002, 2L << 30, -1, -1)),
          v100.processes());
    }
  }

  @Test
  void failuresCarryNvmlErrorString() {
    try (Nvml nvml = open(false)) {
      NvmlException e = assertThrows(NvmlException.class, () -> nvml.gpu(7));
      assertEquals(NvmlReturn.ERROR_INVALID_ARGUMENT, e.code());
      assertEquals("nvmlDeviceGetHandleByIndex_v2", e.function());
      assertTrue(e.getMessage().contains("Invalid Argument"), e.getMessage());
    }
  }

  @Test
  void managementIsOffUnlessEnabled() {
    try (Nvml nvml = open(false)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, nvml::management);
      assertTrue(e.getMessage().startsWith("nvml.management"));
    }
  }

  @Test
  void managementCreatesAtAPlacementAndReportsConflicts() {
    try (Nvml nvml = open(true)) {
      MigManagement management = nvml.management();
      NvmlGpu first = nvml.gpu(0);
      NvmlGpuInstanceProfile small = first.profiles().get(0);
      NvmlException full =
          assertThrows(
              NvmlException.class, () -> management.create(0, small, new NvmlPlacement(2, 1)));
      assertEquals(NvmlReturn.ERROR_INSUFFICIENT_RESOURCES, full.code());
      assertTrue(full.getMessage().contains("Insufficient Resources"));
      assertThrows(
          IllegalArgumentException.class,
          () -> management.create(0, small, new NvmlPlacement(7, 1)));
    }
  }

  @Test
  void aMissingLibraryIsAnNvmlError() {
    NvmlException e =
        assertThrows(
            NvmlException.class,
            () -> Nvml.open(new NvmlConfig("/nonexistent/libnvidia-ml.so.1", false)));
    assertEquals(NvmlReturn.ERROR_LIBRARY_NOT_FOUND, e.code());
  }
}
