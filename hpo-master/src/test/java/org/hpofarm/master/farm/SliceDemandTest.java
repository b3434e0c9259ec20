package org.hpofarm.master.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.hpofarm.mig.allocation.Ledger;
import org.hpofarm.mig.allocation.SliceRequest;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.slice.SliceKind;
import org.junit.jupiter.api.Test;

class SliceDemandTest {

  private static SliceDemand of(String json) throws Exception {
    return SliceDemand.of(new ObjectMapper().readTree(json));
  }

  @Test
  void readsTheSliceClassWorkersAndMemory() throws Exception {
    SliceDemand any = of("{\"kind\": \"command\"}");
    assertEquals(EnumSet.allOf(SliceKind.class), any.kinds());
    assertEquals(1, any.workers());
    assertEquals(EnumSet.of(SliceKind.CPU), of("{\"slice\": \"cpu\"}").kinds());
    SliceDemand exact = of("{\"slice\": \"1g.10gb\", \"workersPerTrial\": 4, \"memoryMiB\": 9000}");
    assertEquals("1g.10gb", exact.profile());
    assertEquals(4, exact.request("s", "u").count());
    assertEquals(9000, exact.request("s", "u").minMemoryMiB());
  }

  @Test
  void aComputeClassBecomesOneRequestPerProfileOfTheFarmSmallestFirst() throws Exception {
    var ledger =
        new Ledger(
            FarmDescription.parse("h100-80gb:1:2x1g.20gb+3g.40gb,h100-80gb:1:7x1g.10gb"),
            () -> Instant.EPOCH);
    List<SliceRequest> variants = of("{\"slice\": \"1g\"}").variants("s", "u", ledger.classes());
    assertEquals(
        List.of("1g.10gb", "1g.20gb"), variants.stream().map(SliceRequest::profile).toList());
  }

  @Test
  void badExecutorsAreRefusedNamingTheField() {
    var slice = assertThrows(IllegalArgumentException.class, () -> of("{\"slice\": \"tpu\"}"));
    assertTrue(slice.getMessage().startsWith("executor.slice"));
    var workers =
        assertThrows(IllegalArgumentException.class, () -> of("{\"workersPerTrial\": 0}"));
    assertTrue(workers.getMessage().startsWith("executor.workersPerTrial"));
    var memory = assertThrows(IllegalArgumentException.class, () -> of("{\"memoryMiB\": \"x\"}"));
    assertTrue(memory.getMessage().startsWith("executor.memoryMiB"));
    var apart = assertThrows(IllegalArgumentException.class, () -> of("{\"sameNode\": \"no\"}"));
    assertTrue(apart.getMessage().startsWith("executor.sameNode"), apart.getMessage());
    var until = assertThrows(IllegalArgumentException.class, () -> of("{\"until\": \"friday\"}"));
    assertTrue(until.getMessage().startsWith("executor.until"), until.getMessage());
  }

  @Test
  void aWorkerGroupSitsOnOneNodeUnlessItMaySpread() throws Exception {
    assertTrue(of("{\"workersPerTrial\": 2}").sameNode());
    assertTrue(of("{\"workersPerTrial\": 2, \"sameNode\": true}").sameNode());
    assertFalse(of("{\"workersPerTrial\": 2, \"sameNode\": false}").sameNode());
  }
}
