package org.hpofarm.mig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.hpofarm.mig.window.BurstWindow;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A small burst: the figures are consistent and the farm's allocator is fairer than FIFO. */
class FarmSimulationTest {

  private static SimulationSpec small(String layout, String durations) {
    return new SimulationSpec(
        "a100-40gb",
        16,
        layout,
        1_000,
        4,
        Durations.parse(durations),
        7,
        BurstWindow.weekend(),
        LocalDate.of(2026, 11, 27),
        0,
        1);
  }

  @Test
  void aWindowBoundBurstIsBusyAndFair() {
    AtomicLong ticks = new AtomicLong();
    SimulationResult r =
        new FarmSimulation(small("7x1g.5gb", "lognormal:3.3,0.6"), () -> ticks.addAndGet(1_000))
            .run();
    assertEquals(112, r.slices());
    assertEquals(58.0, r.windowHours(), 1e-9);
    RunResult best = r.bestFit();
    assertTrue(
        best.utilisation() > 0.97 && best.utilisation() <= 1.0 + 1e-9,
        "utilisation " + best.utilisation());
    assertTrue(best.fairness() > 0.95, "fairness " + best.fairness());
    assertTrue(
        r.firstFit().fairness() < 0.5, "FIFO serves study 0 first: " + r.firstFit().fairness());
    assertEquals(1_000, best.placements());
    assertEquals(1.0, best.placementP99Micros(), 1e-9); // the fake clock ticks 1 µs per reading
    assertTrue(best.makespanHours() > r.windowHours());
    assertTrue(best.runningAtWindowEnd() > 0);
  }

  @Test
  void onAShortMixedBurstBestFitFinishesFirst() {
    SimulationResult r =
        new FarmSimulation(small("3g.20gb+2g.10gb+2x1g.5gb", "lognormal:1.0,0.5"), System::nanoTime)
            .run();
    // first fit puts 4 GB trials on 2g and 3g instances that 8 and 16 GB trials then wait for
    assertTrue(r.bestFit().makespanHours() < 0.8 * r.firstFit().makespanHours(), r.toString());
    assertTrue(r.bestFit().utilisation() > r.firstFit().utilisation() + 0.1, r.toString());
    assertEquals(1_000, r.bestFit().completedInWindow());
  }

  @Test
  void aCampaignReservationGetsItsShareOfTheWindow() {
    SimulationSpec spec =
        new SimulationSpec(
            "a100-40gb",
            16,
            "7x1g.5gb",
            2_000,
            4,
            Durations.parse("lognormal:2.0,0.5"),
            11,
            BurstWindow.weekend(),
            LocalDate.of(2026, 11, 27),
            0.5,
            1);
    SimulationResult r = new FarmSimulation(spec, System::nanoTime).run();
    assertTrue(r.bestFit().campaignShare() > 0.49, r.toString()); // 56 of 112 slices, all window
    assertTrue(r.firstFit().campaignShare() < 0.1, r.toString()); // FIFO serves it last
  }

  @Test
  void workerGroupsStayOnOneNodeUnderTheFarmAllocator() {
    SimulationSpec spec =
        new SimulationSpec(
            "a100-40gb",
            32,
            "7x1g.5gb",
            600,
            3,
            Durations.parse("lognormal:1.5,0.6"),
            5,
            BurstWindow.weekend(),
            LocalDate.of(2026, 11, 27),
            0,
            3); // 28 slices a node: first fit lets groups of 3 straddle nodes
    SimulationResult r = new FarmSimulation(spec, System::nanoTime).run();
    assertEquals(600, r.bestFit().placements());
    assertTrue(r.bestFit().oneNodeGroups() > r.firstFit().oneNodeGroups(), r.toString());
    assertTrue(r.bestFit().oneNodeGroups() > 0.95, r.toString());
    assertTrue(
        r.bestFit().utilisation() > 0.5 && r.bestFit().utilisation() <= 1 + 1e-9, r.toString());
  }

  @Test
  void jainIndexIsOneForEqualSharesAndOneOverNForOne() {
    assertEquals(1.0, FarmSimulation.jain(new double[] {3, 3, 3}), 1e-12);
    assertEquals(0.25, FarmSimulation.jain(new double[] {5, 0, 0, 0}), 1e-12);
  }

  @Test
  void theCommandPrintsOneJsonLine() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new FarmSimulationCommand());
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "--gpus",
            "8",
            "--profile",
            "7x1g.5gb",
            "--trials",
            "300",
            "--seed",
            "3",
            "--studies",
            "3",
            "--durations",
            "lognormal:2.0,0.4");
    assertEquals(0, code);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    for (String field :
        new String[] {
          "utilisation", "placementP50Micros", "placementP99Micros", "makespanHours", "fairness"
        }) {
      assertTrue(json.has(field), field);
      assertTrue(json.get("firstFit").has(field), "firstFit." + field);
    }
    assertEquals(56, json.get("slices").asInt());
    assertEquals(1, out.toString().strip().lines().count());
  }

  @Test
  void rejectsBadDurations() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("normal:1,2"))
            .getMessage()
            .startsWith("durations"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("lognormal:1,-2"));
  }
}
