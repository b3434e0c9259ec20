package org.hpofarm.mig.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FarmDescriptionTest {

  @Test
  void parsesTheIssueExamples() {
    Inventory a100 = FarmDescription.parse("a100-40gb:25:7x1g.5gb");
    assertEquals(175, a100.size());
    assertEquals(25, a100.gpus().size());
    assertEquals(7, a100.slices().stream().map(Slice::node).distinct().count()); // four GPUs a node
    assertTrue(
        a100.slices().stream().allMatch(s -> s.kind() == SliceKind.MIG && s.memoryMiB() == 5120));

    Inventory h100 = FarmDescription.parse("h100-80gb:4:3g.40gb+2g.20gb+2x1g.10gb");
    Map<String, Long> profiles =
        h100.slices().stream()
            .collect(Collectors.groupingBy(Slice::profile, Collectors.counting()));
    assertEquals(Map.of("3g.40gb", 4L, "2g.20gb", 4L, "1g.10gb", 8L), profiles);

    Inventory cpu = FarmDescription.parse("cpu:1:2");
    assertEquals(
        List.of("node-00000/cpu-0", "node-00000/cpu-1"),
        cpu.slices().stream().map(Slice::id).toList());
  }

  @Test
  void combinesGroupsWholeAndSharedGpus() {
    Inventory mixed = FarmDescription.parse("a100-80gb:2:whole, a100-40gb:1:shared4, cpu:2:3");
    assertEquals(2 + 4 + 6, mixed.size());
    assertEquals(2, mixed.slices().stream().filter(s -> s.kind() == SliceKind.WHOLE_GPU).count());
    assertEquals(
        10240,
        mixed.slices().stream()
            .filter(s -> s.kind() == SliceKind.SHARED_GPU)
            .findFirst()
            .orElseThrow()
            .memoryMiB());
    assertEquals(4, mixed.slices().stream().map(Slice::node).distinct().count());
  }

  @Test
  void rejectsBadDescriptionsNamingTheProblem() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> FarmDescription.parse("a100-64gb:2:7x1g.10gb"))
            .getMessage()
            .startsWith("model:"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> FarmDescription.parse("a100-40gb:2:8x1g.5gb"))
            .getMessage()
            .startsWith("layout:"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> FarmDescription.parse("a100-40gb:0:7x1g.5gb"))
            .getMessage()
            .startsWith("farm:"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FarmDescription.parse("a100-40gb"))
            .getMessage()
            .startsWith("farm:"));
    assertThrows(IllegalArgumentException.class, () -> Inventory.cpu("n", 0, 0));
    assertTrue(Inventory.localCpu("here", 1).size() >= 1);
  }
}
