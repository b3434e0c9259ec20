package org.hpofarm.sim.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The averaging modes as functions of a rank's weights, the group's mean and the centre. */
class AveragingTest {

  @Test
  void syncTakesTheMean() {
    float[] local = {1f, 2f};
    float[] centre = {9f, 9f};
    Averaging.SYNC.apply(local, new float[] {3f, 4f}, centre, 2);
    assertArrayEquals(new float[] {3f, 4f}, local);
    assertArrayEquals(new float[] {9f, 9f}, centre, "sync has no centre");
  }

  @Test
  void elasticMovesTheRankAndTheCentreTowardsEachOther() {
    // two ranks at 0 and 4 around a centre at 1: mean 2, α = 0.9 / 2 = 0.45
    float[] rank0 = {0f};
    float[] rank1 = {4f};
    float[] centre0 = {1f};
    float[] centre1 = {1f};
    Averaging.ELASTIC.apply(rank0, new float[] {2f}, centre0, 2);
    Averaging.ELASTIC.apply(rank1, new float[] {2f}, centre1, 2);
    assertEquals(0 - 0.45 * (0 - 1), rank0[0], 1e-6); // x_i − α (x_i − x̃)
    assertEquals(4 - 0.45 * (4 - 1), rank1[0], 1e-6);
    // x̃ + α Σ_i (x_i − x̃) = 1 + 0.45 ((0 − 1) + (4 − 1))
    assertEquals(1 + 0.45 * (-1 + 3), centre0[0], 1e-6);
    assertArrayEquals(centre0, centre1, "every rank's copy of the centre is the same");
  }

  @Test
  void modesAreReadByName() {
    assertEquals(Averaging.SYNC, Averaging.parse("sync"));
    assertEquals(Averaging.ELASTIC, Averaging.parse("elastic"));
    assertEquals("elastic", Averaging.ELASTIC.label());
    assertThrows(IllegalArgumentException.class, () -> Averaging.parse("gossip"));
  }
}
