package org.hpofarm.sim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hpofarm.sim.data.Dataset;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.EnergySpectrum;
import org.hpofarm.sim.shower.Particle;
import org.hpofarm.sim.shower.ShowerGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code farm sim reference}: generates GFlash reference showers and writes them as a dataset. */
@Command(
    name = "reference",
    mixinStandardHelpOptions = true,
    description = "Generate GFlash reference showers (.npy float32 + dataset.json).")
final class ReferenceCommand implements Callable<Integer> {

  @Option(
      names = "--geometry",
      defaultValue = "ds1-photon",
      description = "ds1-photon | small | ds2")
  String geometry;

  @Option(names = "--showers", defaultValue = "10000", description = "number of showers")
  int showers;

  @Option(names = "--seed", defaultValue = "1", description = "random seed")
  long seed;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(names = "--particle", description = "photon | electron (default: the geometry's beam)")
  String particle;

  @Option(
      names = "--spectrum",
      description =
          "powers:FROM-TO (2^FROM..2^TO MeV) or log-uniform:MIN-MAX (MeV); default: the"
              + " geometry's beam")
  String spectrum;

  @Override
  public Integer call() throws Exception {
    if (showers < 1) {
      throw new IllegalArgumentException("showers: must be >= 1, got " + showers);
    }
    Geometry g = Geometry.preset(geometry);
    Beam beam = Beam.defaultFor(g);
    if (particle != null || spectrum != null) {
      beam =
          new Beam(
              particle == null
                  ? beam.particle()
                  : Particle.valueOf(particle.toUpperCase(java.util.Locale.ROOT)),
              spectrum == null ? beam.spectrum() : EnergySpectrum.parse(spectrum));
    }
    long start = System.nanoTime();
    ShowerSet set = new ShowerGenerator(g, beam).generate(showers, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    ObjectMapper json = new ObjectMapper();
    ObjectNode provenance = json.createObjectNode();
    provenance.put("generator", "GFlash (Grindhammer-Peters) parametrisation");
    provenance.put("particle", beam.particle().name().toLowerCase(java.util.Locale.ROOT));
    provenance.put("spectrum", beam.spectrum().describe());
    provenance.put("seed", seed);
    Dataset.write(set, out, provenance);
    ObjectNode line = json.createObjectNode();
    line.put("geometry", g.name());
    line.put("showers", showers);
    line.put("voxels", g.voxels());
    line.put("seconds", seconds);
    line.put("showersPerSecond", showers / seconds);
    line.put("out", out.toString());
    System.out.println(json.writeValueAsString(line));
    return 0;
  }
}
