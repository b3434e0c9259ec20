package org.hpofarm.sim.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.geometry.Layer;
import org.hpofarm.sim.geometry.Medium;

/**
 * A shower dataset on disk: {@code showers.npy} (float32, N × voxels, MeV), {@code energies.npy}
 * (float32, N, MeV) and {@code dataset.json}, which describes the geometry completely (so the set
 * reads back without the preset) and records how it was made.
 */
public final class Dataset {

  public static final String SHOWERS = "showers.npy";
  public static final String ENERGIES = "energies.npy";
  public static final String DESCRIPTION = "dataset.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Dataset() {}

  /** Writes a set into {@code dir} (created if needed); {@code provenance} goes into the JSON. */
  public static void write(ShowerSet set, Path dir, ObjectNode provenance) throws IOException {
    Files.createDirectories(dir);
    Npy.write(dir.resolve(SHOWERS), new int[] {set.size(), set.width()}, set.voxels());
    Npy.write(dir.resolve(ENERGIES), new int[] {set.size()}, set.incidentEnergies());
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "hpofarm-showers/1");
    root.put("showers", set.size());
    root.put("voxels", set.width());
    root.put("unit", "MeV");
    root.put("showersFile", SHOWERS);
    root.put("energiesFile", ENERGIES);
    root.put(
        "voxelOrder", "layer-major; within a layer index = angularBin * radialBins + radialBin");
    root.set("geometry", toJson(set.geometry()));
    if (provenance != null) {
      root.set("provenance", provenance);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(DESCRIPTION).toFile(), root);
  }

  /** Reads a set written by {@link #write}. */
  public static ShowerSet read(Path dir) throws IOException {
    JsonNode root = JSON.readTree(dir.resolve(DESCRIPTION).toFile());
    Geometry geometry = geometryFromJson(root.path("geometry"));
    Npy.Array showers = Npy.read(dir.resolve(root.path("showersFile").asText(SHOWERS)));
    Npy.Array energies = Npy.read(dir.resolve(root.path("energiesFile").asText(ENERGIES)));
    if (showers.shape().length != 2 || showers.shape()[1] != geometry.voxels()) {
      throw new IOException(dir + ": showers.npy shape does not match the geometry");
    }
    return new ShowerSet(geometry, energies.data(), showers.data());
  }

  /** The geometry as JSON (medium and every layer). */
  public static ObjectNode toJson(Geometry g) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", g.name());
    node.put("thresholdMev", g.thresholdMev());
    Medium m = g.medium();
    ObjectNode medium = node.putObject("medium");
    medium.put("name", m.name());
    medium.put("z", m.z());
    medium.put("density", m.density());
    medium.put("radiationLengthMm", m.radiationLengthMm());
    medium.put("moliereRadiusMm", m.moliereRadiusMm());
    medium.put("criticalEnergyMev", m.criticalEnergyMev());
    medium.put("inverseSamplingFrequency", m.inverseSamplingFrequency());
    medium.put("ehat", m.ehat());
    medium.put("samplingTerm", m.samplingTerm());
    ArrayNode layers = node.putArray("layers");
    for (Layer l : g.layers()) {
      ObjectNode layer = layers.addObject();
      layer.put("thicknessX0", l.thicknessX0());
      layer.put("angularBins", l.angularBins());
      ArrayNode edges = layer.putArray("radialEdgesMm");
      for (double e : l.radialEdgesMm()) {
        edges.add(e);
      }
    }
    return node;
  }

  /** Reads a geometry written by {@link #toJson(Geometry)}. */
  public static Geometry geometryFromJson(JsonNode node) {
    JsonNode m = node.path("medium");
    Medium medium =
        new Medium(
            m.path("name").asText(),
            m.path("z").asDouble(),
            m.path("density").asDouble(),
            m.path("radiationLengthMm").asDouble(),
            m.path("moliereRadiusMm").asDouble(),
            m.path("criticalEnergyMev").asDouble(),
            m.path("inverseSamplingFrequency").asDouble(),
            m.path("ehat").asDouble(),
            m.path("samplingTerm").asDouble());
    List<Layer> layers = new ArrayList<>();
    for (JsonNode l : node.path("layers")) {
      double[] edges = new double[l.path("radialEdgesMm").size()];
      for (int i = 0; i < edges.length; i++) {
        edges[i] = l.path("radialEdgesMm").get(i).asDouble();
      }
      layers.add(new Layer(l.path("thicknessX0").asDouble(), edges, l.path("angularBins").asInt()));
    }
    return new Geometry(
        node.path("name").asText(), medium, layers, node.path("thresholdMev").asDouble());
  }
}
