package org.hpofarm.mig.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GeometryTest {
  private static final GpuModel A100 = Catalogue.requireModel("a100-40gb");

  @Test
  void catalogueHoldsTheFiveModels() {
    assertEquals(
        List.of("a100-40gb", "a100-80gb", "a30-24gb", "h100-80gb", "h200"),
        Catalogue.models().stream().map(GpuModel::name).toList());
    MigProfile three = A100.requireProfile("3g.20gb");
    assertEquals(3, three.computeSlices());
    assertEquals(4, three.memorySlices());
    assertEquals(2, three.maxInstances());
    assertEquals(List.of(0, 4), three.starts());
    assertEquals(
        List.of(0, 2, 4), Catalogue.requireModel("h100-80gb").requireProfile("2g.20gb").starts());
    assertEquals(1, Catalogue.requireModel("h200").requireProfile("1g.18gb+me").maxInstances());
    assertEquals(4, Catalogue.requireModel("a30-24gb").requireProfile("1g.6gb").maxInstances());
    assertTrue(Catalogue.model("A100-64GB").isEmpty());
  }

  @Test
  void placesTheMixedLayoutAroundTheThreeG() {
    Layout layout = Geometry.parse(A100, "3g.20gb+2g.10gb+2x1g.5gb");
    assertEquals("3g.20gb+2g.10gb+2x1g.5gb", layout.describe());
    assertEquals(7, layout.computeSlices());
    // 1g.5gb cannot start at slot 7, so the 3g must take slots 4-7
    Placement three =
        layout.placements().stream()
            .filter(p -> p.profile().computeSlices() == 3)
            .findFirst()
            .orElseThrow();
    assertEquals(4, three.start());
  }

  @Test
  void rejectsOverlapsComputeOverflowAndTwoMediaExtensions() {
    MigProfile one = A100.requireProfile("1g.5gb");
    MigProfile me = A100.requireProfile("1g.5gb+me");
    MigProfile four = A100.requireProfile("4g.20gb");
    assertFalse(
        Geometry.violations(A100, List.of(new Placement(four, 0), new Placement(one, 3)))
            .isEmpty());
    assertFalse(
        Geometry.violations(A100, List.of(new Placement(me, 0), new Placement(me, 1))).isEmpty());
    assertFalse(Geometry.violations(A100, List.of(new Placement(one, 7))).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> Geometry.parse(A100, "4g.20gb+4g.20gb"));
    assertThrows(IllegalArgumentException.class, () -> Geometry.parse(A100, "8x1g.5gb"));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> Geometry.parse(A100, "1g.10gb+5g.30gb"));
    assertTrue(unknown.getMessage().startsWith("profile:"));
  }

  @Test
  void enumeratesTheKnownMaximalLayoutsOfAnA100() {
    Set<String> layouts =
        Geometry.maximalLayouts(A100).stream()
            .map(Layout::describe)
            .filter(d -> !d.contains("+me"))
            .collect(Collectors.toSet());
    for (String known :
        List.of(
            "7g.40gb",
            "4g.20gb+3g.20gb",
            "2x3g.20gb",
            "3g.20gb+2x2g.10gb",
            "3g.20gb+2g.10gb+2x1g.5gb",
            "3x2g.10gb+1g.5gb",
            "7x1g.5gb",
            "4x1g.10gb",
            "4g.20gb+2g.10gb+1g.5gb")) {
      assertTrue(layouts.contains(known), known + " missing from " + layouts);
    }
    assertFalse(layouts.contains("2x4g.20gb"));
  }

  @Property(tries = 200)
  void everyEnumeratedLayoutIsValid(@ForAll @IntRange(min = 0, max = 4) int modelIndex) {
    GpuModel model = Catalogue.models().get(modelIndex);
    for (Layout layout : Geometry.layouts(model)) {
      assertTrue(Geometry.violations(model, layout.placements()).isEmpty());
      assertTrue(layout.computeSlices() <= model.computeSlices());
    }
  }

  @Test
  void proposesLayoutsFromDemand() {
    ReconfigurationPlanner planner = new ReconfigurationPlanner(A100);
    Reconfiguration plan = planner.propose(3, Map.of("3g.20gb", 2, "1g.5gb", 9));
    assertTrue(plan.unmet().isEmpty(), plan.toString());
    assertEquals(3, plan.layouts().values().stream().mapToInt(Integer::intValue).sum());
    Reconfiguration tooMuch = planner.propose(1, Map.of("7g.40gb", 2));
    assertEquals(Map.of("7g.40gb", 1), tooMuch.unmet());
  }
}
