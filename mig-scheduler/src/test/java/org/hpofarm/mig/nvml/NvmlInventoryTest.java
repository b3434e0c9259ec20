package org.hpofarm.mig.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hpofarm.mig.catalogue.Geometry;
import org.hpofarm.mig.catalogue.GpuModel;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node inventory and GPU model built from what the (fake) NVML reports. */
class NvmlInventoryTest {
  private static List<NvmlGpu> gpus;

  @BeforeAll
  static void discover() throws Exception {
    Optional<Path> library = FakeNvmlLibrary.path();
    assumeTrue(library.isPresent(), "gcc is not installed");
    try (Nvml nvml = Nvml.open(new NvmlConfig(library.get().toString(), false))) {
      gpus = nvml.discover();
    }
  }

  @Test
  void migDevicesAndTheWholeGpuBecomeSlices() {
    Inventory inventory = NvmlInventory.slices("lrdn0001", gpus, 1);
    assertEquals(7 + 4 + 1, inventory.size());
    Slice whole = inventory.slices().get(11);
    assertEquals(SliceKind.WHOLE_GPU, whole.kind());
    assertEquals("v100-sxm2-32gb", whole.model());
    assertEquals(
        Set.of(
            "MIG-aaaaaaaa-bbbb-cccc-dddd-000000000003", "GPU-11111111-2222-3333-4444-000000000002"),
        NvmlInventory.busy(gpus));
    assertEquals(
        7 + 4 + 4, NvmlInventory.slices("n", gpus, 4).size()); // the V100 as four shared slots
  }

  @Test
  void theCommandPrintsTheNodeAsJson() throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new NvmlCommand());
    cli.setOut(new java.io.PrintWriter(out));
    int code =
        cli.execute(
            "--library", FakeNvmlLibrary.path().orElseThrow().toString(), "--node", "lrdn0001");
    assertEquals(0, code);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertEquals(3, json.get("gpus").size());
    assertEquals(12, json.get("slices").size());
    assertEquals(
        "1g.5gb", json.get("gpus").get(0).get("migDevices").get(0).get("profile").asText());
    assertEquals(2, json.get("models").size());
    java.io.StringWriter err = new java.io.StringWriter();
    cli.setErr(new java.io.PrintWriter(err));
    assertEquals(2, cli.execute("--library", "/nonexistent/libnvidia-ml.so.1"));
  }

  @Test
  void theGpuModelComesFromNvmlNotFromATable() {
    GpuModel model = NvmlInventory.model(gpus.get(1));
    assertEquals("a100-sxm4-40gb", model.name());
    assertEquals(8, model.memorySlots());
    assertEquals(7, model.computeSlices());
    assertEquals(List.of(0, 4), model.requireProfile("3g.20gb").starts());
    assertEquals(4, model.requireProfile("3g.20gb").memorySlices());
    assertTrue(model.requireProfile("1g.5gb+me").mediaExtensions());
    assertEquals(
        "3g.20gb+2g.10gb+2x1g.5gb", Geometry.parse(model, "3g.20gb+2g.10gb+2x1g.5gb").describe());
  }
}
