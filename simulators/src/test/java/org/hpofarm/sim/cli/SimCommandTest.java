package org.hpofarm.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hpofarm.sim.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {

  @TempDir Path dir;

  @Test
  void referenceWritesADataset() throws Exception {
    Path out = dir.resolve("ref");
    int rc =
        SimCommand.execute(
            "reference",
            "--geometry",
            "small",
            "--showers",
            "200",
            "--seed",
            "3",
            "--out",
            out.toString());
    assertEquals(0, rc);
    assertTrue(Files.exists(out.resolve("showers.npy")));
    assertEquals(200, Dataset.read(out).size());
  }

  @Test
  void referenceWithAChosenBeam() throws Exception {
    Path out = dir.resolve("flat");
    int rc =
        SimCommand.execute(
            "reference",
            "--geometry",
            "small",
            "--showers",
            "100",
            "--particle",
            "electron",
            "--spectrum",
            "log-uniform:1000-50000",
            "--out",
            out.toString());
    assertEquals(0, rc);
    for (float e : Dataset.read(out).incidentEnergies()) {
      assertTrue(e >= 1000f && e <= 50000f);
    }
    assertTrue(
        SimCommand.execute(
                "reference",
                "--geometry",
                "small",
                "--spectrum",
                "flat",
                "--out",
                dir.resolve("x").toString())
            != 0);
  }

  @Test
  void spaceAndUnknownModel() {
    assertEquals(0, SimCommand.execute("space", "--model", "calo.gan"));
    assertTrue(SimCommand.execute("space", "--model", "nope") != 0);
  }
}
