package org.hpofarm.master.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.pruner.PrunerSpec;
import org.hpofarm.master.pruner.Pruners;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.worker.runner.DjlExecutor;
import org.hpofarm.worker.runner.Launch;

/**
 * What a user asks for when creating a study: a name, one or more directions, a search space, a
 * sampler and pruner choice, a trial budget, lease and retry settings and an optional executor.
 * Validated when parsed: every error names the field at fault. A study that names no sampler seed
 * gets a random one ({@link SamplerSpec#randomSeed()}), kept in the spec and its JSON, so that a
 * study created again with that seed proposes the same points.
 *
 * @param maxTrials the largest number of trials sampling hands out; 0 for no limit
 * @param heartbeatSeconds a RUNNING trial silent for three times this long is lost
 * @param maxRetries how many times a lost trial's params are enqueued again
 * @param executor how the farm runs trials itself ({@code kind: djl|command}), or null for an
 *     external study (clients ask and tell)
 */
public record StudySpec(
    String name,
    List<Direction> directions,
    SearchSpace space,
    SamplerSpec sampler,
    PrunerSpec pruner,
    int maxTrials,
    int heartbeatSeconds,
    int maxRetries,
    JsonNode executor) {

  public static final int DEFAULT_HEARTBEAT_SECONDS = 60;
  public static final int DEFAULT_MAX_RETRIES = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "direction",
          "directions",
          "space",
          "sampler",
          "pruner",
          "maxTrials",
          "heartbeatSeconds",
          "maxRetries",
          "executor");

  public StudySpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: must be a non-empty string");
    }
    if (name.length() > 200) {
      throw new IllegalArgumentException("name: at most 200 characters");
    }
    if (directions == null || directions.isEmpty()) {
      throw new IllegalArgumentException("direction: at least one direction is needed");
    }
    directions = List.copyOf(directions);
    if (space == null) {
      throw new IllegalArgumentException("space: missing");
    }
    sampler =
        sampler == null ? SamplerSpec.of(defaultSampler(), SamplerSpec.randomSeed()) : sampler;
    pruner = pruner == null ? PrunerSpec.none() : pruner;
    if (maxTrials < 0) {
      throw new IllegalArgumentException("maxTrials: must be >= 0, got " + maxTrials);
    }
    if (heartbeatSeconds < 1 || heartbeatSeconds > 86_400) {
      throw new IllegalArgumentException(
          "heartbeatSeconds: must be in [1, 86400], got " + heartbeatSeconds);
    }
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries: must be in [0, 100], got " + maxRetries);
    }
    Samplers.create(sampler);
    Pruners.create(pruner);
  }

  /**
   * Parses the JSON form of the HTTP contract; throws naming the field at fault. A sampler without
   * a seed gets a random one.
   */
  public static StudySpec fromJson(JsonNode json) {
    return fromJson(json, SamplerSpec::randomSeed);
  }

  /**
   * Parses the JSON form of the HTTP contract, taking the seed of a sampler that names none from
   * {@code newSeed}; throws naming the field at fault.
   */
  public static StudySpec fromJson(JsonNode json, LongSupplier newSeed) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("body: must be a JSON object");
    }
    json.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(f + ": unknown field (known: " + FIELDS + ")");
              }
            });
    String name = text(json, "name", null);
    List<Direction> directions = new ArrayList<>();
    if (json.hasNonNull("directions")) {
      if (json.hasNonNull("direction")) {
        throw new IllegalArgumentException("direction: give direction or directions, not both");
      }
      JsonNode ds = json.get("directions");
      if (!ds.isArray() || ds.isEmpty()) {
        throw new IllegalArgumentException("directions: must be a non-empty array");
      }
      for (int i = 0; i < ds.size(); i++) {
        directions.add(direction(ds.get(i), "directions[" + i + "]"));
      }
    } else {
      directions.add(
          json.hasNonNull("direction")
              ? direction(json.get("direction"), "direction")
              : Direction.MINIMIZE);
    }
    SearchSpace space = SearchSpace.fromJson(json.get("space"));
    SamplerSpec sampler = sampler(json.get("sampler"), newSeed);
    PrunerSpec pruner = pruner(json.get("pruner"));
    JsonNode executor = json.get("executor");
    if (executor != null && !executor.isNull()) {
      if (!executor.isObject()) {
        throw new IllegalArgumentException("executor: must be an object");
      }
      String kind = executor.path("kind").asText("");
      if (!kind.equals("djl") && !kind.equals("command")) {
        throw new IllegalArgumentException(
            "executor.kind: must be djl or command, got '" + kind + "'");
      }
      if (kind.equals("djl")) {
        Set<String> names = new LinkedHashSet<>();
        space.parameters().forEach(p -> names.add(p.name()));
        DjlExecutor.fromJson(executor, names);
      } else {
        Launch.env(executor);
      }
    } else {
      executor = null;
    }
    return new StudySpec(
        name,
        directions,
        space,
        sampler,
        pruner,
        integer(json, "maxTrials", 0),
        integer(json, "heartbeatSeconds", DEFAULT_HEARTBEAT_SECONDS),
        integer(json, "maxRetries", DEFAULT_MAX_RETRIES),
        executor);
  }

  /** The JSON form; {@link #fromJson} reads it back to an equal spec. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name);
    if (directions.size() == 1) {
      n.put("direction", directions.get(0).wire());
    } else {
      directions.forEach(d -> n.withArray("directions").add(d.wire()));
    }
    n.set("space", space.toJson());
    ObjectNode s = n.putObject("sampler");
    s.put("type", sampler.type());
    s.put("seed", sampler.seed());
    sampler.options().forEach((k, v) -> s.set(k, JSON.valueToTree(v)));
    ObjectNode p = n.putObject("pruner");
    p.put("type", pruner.type());
    pruner.options().forEach((k, v) -> p.set(k, JSON.valueToTree(v)));
    n.put("maxTrials", maxTrials);
    n.put("heartbeatSeconds", heartbeatSeconds);
    n.put("maxRetries", maxRetries);
    if (executor != null) {
      n.set("executor", executor);
    }
    return n;
  }

  /** {@code auto} where the registry has it (the contract's default), else {@code random}. */
  static String defaultSampler() {
    return Samplers.TYPES.contains("auto") ? "auto" : "random";
  }

  public boolean isMultiObjective() {
    return directions.size() > 1;
  }

  private static SamplerSpec sampler(JsonNode node, LongSupplier newSeed) {
    if (node == null || node.isNull()) {
      return SamplerSpec.of(defaultSampler(), newSeed.getAsLong());
    }
    if (node.isTextual()) {
      return SamplerSpec.of(node.textValue(), newSeed.getAsLong());
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("sampler: must be an object with a type");
    }
    String type = text(node, "type", "sampler.type");
    long seed;
    if (!node.hasNonNull("seed")) {
      seed = newSeed.getAsLong();
    } else {
      JsonNode s = node.get("seed");
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw new IllegalArgumentException("sampler.seed: must be a 64-bit integer, got " + s);
      }
      seed = s.longValue();
    }
    return new SamplerSpec(type, seed, options(node, "type", "seed"));
  }

  private static PrunerSpec pruner(JsonNode node) {
    if (node == null || node.isNull()) {
      return PrunerSpec.none();
    }
    if (node.isTextual()) {
      return new PrunerSpec(node.textValue(), Map.of());
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("pruner: must be an object with a type");
    }
    return new PrunerSpec(text(node, "type", "pruner.type"), options(node, "type"));
  }

  private static Map<String, Object> options(JsonNode node, String... skip) {
    Set<String> skipped = Set.of(skip);
    Map<String, Object> out = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (!skipped.contains(e.getKey())) {
                out.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
              }
            });
    return out;
  }

  private static Direction direction(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + ": must be minimize or maximize, got " + node);
    }
    try {
      return Direction.parse(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode json, String field, String label) {
    JsonNode v = json.get(field);
    String name = label == null ? field : label;
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(name + ": missing");
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(name + ": must be a string, got " + v);
    }
    return v.textValue();
  }

  private static int integer(JsonNode json, String field, int dflt) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(field + ": must be an integer, got " + v);
    }
    return v.intValue();
  }
}
