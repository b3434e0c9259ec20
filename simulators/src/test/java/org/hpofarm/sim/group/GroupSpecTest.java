package org.hpofarm.sim.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The group read from PyTorch's launcher variables. */
class GroupSpecTest {

  @Test
  void withoutTheVariablesOrWithOneRankAProcessTrainsAlone() {
    assertTrue(GroupSpec.fromEnvironment(Map.of()).isSingle());
    assertTrue(GroupSpec.fromEnvironment(Map.of("WORLD_SIZE", "1", "RANK", "0")).isSingle());
  }

  @Test
  void theLaunchersVariablesPlaceTheRank() {
    GroupSpec g =
        GroupSpec.fromEnvironment(
            Map.of(
                "WORLD_SIZE", "3", "RANK", "2", "MASTER_ADDR", "10.0.0.5", "MASTER_PORT", "29500"));
    assertEquals(new GroupSpec(3, 2, "10.0.0.5", 29500), g);
    assertTrue(!g.isHub() && !g.isSingle());
  }

  @Test
  void aMissingOrBadVariableIsNamed() {
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroupSpec.fromEnvironment(Map.of("WORLD_SIZE", "2", "MASTER_PORT", "1")));
    assertTrue(missing.getMessage().startsWith("RANK: not set"), missing.getMessage());
    var outside =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GroupSpec.fromEnvironment(
                    Map.of("WORLD_SIZE", "2", "RANK", "2", "MASTER_PORT", "29500")));
    assertTrue(outside.getMessage().startsWith("RANK: must be from 0 to 1"), outside.getMessage());
    var port =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GroupSpec.fromEnvironment(
                    Map.of("WORLD_SIZE", "2", "RANK", "0", "MASTER_PORT", "x")));
    assertTrue(port.getMessage().startsWith("MASTER_PORT: not an integer"), port.getMessage());
  }
}
