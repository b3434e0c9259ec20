package org.hpofarm.worker.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code djl} executor: which built-in model of the simulators a trial trains, on which geometry,
 * for how long. Its params are the model's hyperparameters ({@code ./farm sim space --model M}
 * prints the space to submit). The catalogue of models and geometries is a resource of this
 * package, kept equal to the simulators' registry by a test, so that a master can check a study
 * without DJL on its class path.
 *
 * @param model {@code calo.vae} or {@code calo.gan}
 * @param geometry {@code ds1-photon}, {@code small} or {@code ds2}
 * @param epochs training epochs, each one reported as a step
 * @param showers training showers
 * @param seed the training seed, or null for the trial number
 * @param averageEvery in a worker group: optimiser steps of each rank between two averages
 * @param averaging in a worker group: {@code sync} (every rank takes the mean) or {@code elastic}
 *     (elastic averaging)
 */
public record DjlExecutor(
    String model,
    String geometry,
    int epochs,
    int showers,
    Long seed,
    int averageEvery,
    String averaging) {

  /** The averaging modes a group may use. */
  static final List<String> AVERAGING = List.of("sync", "elastic");

  private static final Set<String> FIELDS =
      Set.of(
          "kind",
          "model",
          "geometry",
          "epochs",
          "showers",
          "seed",
          "averageEvery",
          "averaging",
          "slice",
          "workersPerTrial",
          "sameNode",
          "memoryMiB",
          "until");

  private static final Catalogue CATALOGUE = Catalogue.load();

  /**
   * The models a djl executor may name, each with its default params and recommended search space
   * (the simulators' own, in the API's JSON form), and the geometries.
   */
  record Catalogue(
      Map<String, ObjectNode> defaults, Map<String, ObjectNode> spaces, List<String> geometries) {
    static Catalogue load() {
      try (InputStream in = DjlExecutor.class.getResourceAsStream("djl-models.json")) {
        JsonNode j = new ObjectMapper().readTree(in);
        Map<String, ObjectNode> defaults = new LinkedHashMap<>();
        Map<String, ObjectNode> spaces = new LinkedHashMap<>();
        j.get("models")
            .fields()
            .forEachRemaining(
                f -> {
                  defaults.put(f.getKey(), (ObjectNode) f.getValue().get("defaults"));
                  spaces.put(f.getKey(), (ObjectNode) f.getValue().get("space"));
                });
        List<String> geometries = new ArrayList<>();
        j.get("geometries").forEach(g -> geometries.add(g.asText()));
        return new Catalogue(defaults, spaces, List.copyOf(geometries));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("djl-models.json: unreadable resource", e);
      }
    }
  }

  /** The catalogue's models with their hyperparameter names. */
  public static Map<String, List<String>> models() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    CATALOGUE
        .defaults()
        .forEach(
            (model, d) -> {
              List<String> names = new ArrayList<>();
              d.fieldNames().forEachRemaining(names::add);
              out.put(model, List.copyOf(names));
            });
    return out;
  }

  /** A model's default params. */
  public static ObjectNode defaults(String model) {
    return known(model, CATALOGUE.defaults()).deepCopy();
  }

  /** A model's recommended search space, in the API's JSON form. */
  public static ObjectNode space(String model) {
    return known(model, CATALOGUE.spaces()).deepCopy();
  }

  private static ObjectNode known(String model, Map<String, ObjectNode> byModel) {
    ObjectNode n = byModel.get(model);
    if (n == null) {
      throw new IllegalArgumentException(
          "executor.model: one of " + byModel.keySet() + ", got '" + model + "'");
    }
    return n;
  }

  /** The catalogue's geometries. */
  public static List<String> geometries() {
    return CATALOGUE.geometries();
  }

  /**
   * Reads and checks {@code executor} ({@code kind: djl}); errors name the field. {@code
   * paramNames} are the study's search-space parameters, each of which must be a hyperparameter of
   * the model.
   */
  public static DjlExecutor fromJson(JsonNode executor, Set<String> paramNames) {
    executor
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("executor." + f + ": unknown field for djl");
              }
            });
    String model = executor.path("model").asText("calo.vae");
    List<String> hyperparameters = new ArrayList<>();
    defaults(model).fieldNames().forEachRemaining(hyperparameters::add);
    String geometry = executor.path("geometry").asText("small");
    if (!geometries().contains(geometry)) {
      throw new IllegalArgumentException(
          "executor.geometry: one of " + geometries() + ", got '" + geometry + "'");
    }
    int epochs = positive(executor, "epochs", 8, 10_000);
    int showers = positive(executor, "showers", 4000, 10_000_000);
    Long seed = null;
    if (executor.hasNonNull("seed")) {
      if (!executor.get("seed").canConvertToLong()) {
        throw new IllegalArgumentException("executor.seed: must be an integer");
      }
      seed = executor.get("seed").longValue();
    }
    int averageEvery = positive(executor, "averageEvery", 32, 1_000_000);
    String averaging = executor.path("averaging").asText("sync");
    if (!executor.path("averaging").isMissingNode()
        && !executor.get("averaging").isNull()
        && !executor.get("averaging").isTextual()) {
      throw new IllegalArgumentException(
          "executor.averaging: one of " + AVERAGING + ", got " + executor.get("averaging"));
    }
    if (!AVERAGING.contains(averaging)) {
      throw new IllegalArgumentException(
          "executor.averaging: one of " + AVERAGING + ", got '" + averaging + "'");
    }
    for (String p : paramNames) {
      if (!hyperparameters.contains(p)) {
        throw new IllegalArgumentException(
            "space."
                + p
                + ": not a hyperparameter of "
                + model
                + " (its hyperparameters: "
                + hyperparameters
                + "; ./farm sim space --model "
                + model
                + " prints a space to submit)");
      }
    }
    return new DjlExecutor(model, geometry, epochs, showers, seed, averageEvery, averaging);
  }

  private static int positive(JsonNode executor, String field, int fallback, int most) {
    JsonNode n = executor.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || n.longValue() < 1 || n.longValue() > most) {
      throw new IllegalArgumentException(
          "executor." + field + ": an integer from 1 to " + most + ", got " + n);
    }
    return n.intValue();
  }
}
