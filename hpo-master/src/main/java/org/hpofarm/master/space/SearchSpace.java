package org.hpofarm.master.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search space: named parameters, each with a distribution and an optional {@code when}
 * condition, kept in an order where every parent comes before its children.
 *
 * <p>The JSON form is the one of the HTTP contract: an object from parameter name to {@code
 * {"type": "float"|"int"|"categorical", ...}}.
 */
public record SearchSpace(List<Parameter> parameters) {

  private static final Set<String> FLOAT_KEYS =
      Set.of("type", "low", "high", "log", "step", "when");
  private static final Set<String> CATEGORICAL_KEYS = Set.of("type", "choices", "when");

  public SearchSpace {
    parameters = topologicalOrder(parameters);
  }

  public static SearchSpace of(Parameter... parameters) {
    return new SearchSpace(List.of(parameters));
  }

  /** The parameter called {@code name}, or null. */
  public Parameter get(String name) {
    for (Parameter p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  public int size() {
    return parameters.size();
  }

  /** True when {@code p} is present given the values already chosen for its parents. */
  public boolean isActive(Parameter p, Map<String, Object> params) {
    for (var cond : p.when().entrySet()) {
      Object parent = params.get(cond.getKey());
      if (parent == null || !cond.getValue().contains(parent)) {
        return false;
      }
    }
    return true;
  }

  /** True when no parameter is conditional. */
  public boolean isFlat() {
    return parameters.stream().noneMatch(Parameter::isConditional);
  }

  /**
   * Builds the params of a trial from a value per parameter (only active ones are kept, in space
   * order). {@code valueOf} is asked only for active parameters.
   */
  public Map<String, Object> assemble(java.util.function.Function<Parameter, Object> valueOf) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      if (isActive(p, params)) {
        params.put(p.name(), valueOf.apply(p));
      }
    }
    return Collections.unmodifiableMap(params);
  }

  /**
   * Checks a full point given by a user (for example an enqueued trial): every active parameter
   * present and valid, nothing else. Returns it with canonical values.
   */
  public Map<String, Object> validatePoint(Map<String, ?> point) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      if (!isActive(p, params)) {
        continue;
      }
      Object raw = point.get(p.name());
      if (raw == null) {
        throw new InvalidSpaceException(p.name(), "missing");
      }
      try {
        params.put(p.name(), p.distribution().canonical(raw));
      } catch (IllegalArgumentException e) {
        throw new InvalidSpaceException(p.name(), e.getMessage());
      }
    }
    for (String key : point.keySet()) {
      if (!params.containsKey(key)) {
        throw new InvalidSpaceException(
            key, get(key) == null ? "not in the search space" : "not active for these values");
      }
    }
    return Collections.unmodifiableMap(params);
  }

  /** Parses the JSON form; throws {@link InvalidSpaceException} naming the parameter at fault. */
  public static SearchSpace fromJson(JsonNode json) {
    if (json == null || !json.isObject() || json.isEmpty()) {
      throw new InvalidSpaceException("", "the space must be a non-empty object");
    }
    List<Parameter> params = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      var e = it.next();
      try {
        params.add(parameterFromJson(e.getKey(), e.getValue()));
      } catch (InvalidSpaceException ex) {
        throw ex;
      } catch (IllegalArgumentException ex) {
        throw new InvalidSpaceException(e.getKey(), ex.getMessage());
      }
    }
    return new SearchSpace(params);
  }

  private static Parameter parameterFromJson(String name, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("must be an object with a type");
    }
    String type = node.path("type").asText("");
    Distribution d =
        switch (type) {
          case "float" -> {
            checkKeys(node, FLOAT_KEYS);
            yield new FloatRange(
                number(node, "low"),
                number(node, "high"),
                node.path("log").asBoolean(false),
                node.has("step") && !node.get("step").isNull() ? number(node, "step") : 0);
          }
          case "int" -> {
            checkKeys(node, FLOAT_KEYS);
            yield new IntRange(
                integer(node, "low"),
                integer(node, "high"),
                node.path("log").asBoolean(false),
                node.has("step") && !node.get("step").isNull() ? integer(node, "step") : 1);
          }
          case "categorical" -> {
            checkKeys(node, CATEGORICAL_KEYS);
            JsonNode choices = node.get("choices");
            if (choices == null || !choices.isArray()) {
              throw new IllegalArgumentException("choices must be an array");
            }
            List<Object> values = new ArrayList<>();
            choices.forEach(c -> values.add(scalar(c)));
            yield new Categorical(values);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown type '" + type + "' (float, int or categorical)");
        };
    Map<String, List<Object>> when = new LinkedHashMap<>();
    JsonNode w = node.get("when");
    if (w != null && !w.isNull()) {
      if (!w.isObject()) {
        throw new IllegalArgumentException("when must be an object from parent name to values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
        var e = it.next();
        List<Object> allowed = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> allowed.add(scalar(v)));
        } else {
          allowed.add(scalar(e.getValue()));
        }
        if (allowed.isEmpty()) {
          throw new IllegalArgumentException("when." + e.getKey() + " lists no values");
        }
        when.put(e.getKey(), allowed);
      }
    }
    return new Parameter(name, d, when);
  }

  /** The JSON form of this space. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    for (Parameter p : parameters) {
      ObjectNode n = root.putObject(p.name());
      switch (p.distribution()) {
        case FloatRange r -> {
          n.put("type", "float").put("low", r.low()).put("high", r.high());
          if (r.log()) {
            n.put("log", true);
          }
          if (r.step() > 0) {
            n.put("step", r.step());
          }
        }
        case IntRange r -> {
          n.put("type", "int").put("low", r.low()).put("high", r.high());
          if (r.log()) {
            n.put("log", true);
          }
          if (r.step() != 1) {
            n.put("step", r.step());
          }
        }
        case Categorical c -> {
          n.put("type", "categorical");
          ArrayNode a = n.putArray("choices");
          c.choices().forEach(v -> a.add(toJsonValue(v)));
        }
      }
      if (p.isConditional()) {
        ObjectNode w = n.putObject("when");
        p.when().forEach((k, vs) -> vs.forEach(v -> w.withArray(k).add(toJsonValue(v))));
      }
    }
    return root;
  }

  /** A parameter value as JSON. */
  public static JsonNode toJsonValue(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (v) {
      case null -> f.nullNode();
      case Long l -> f.numberNode(l);
      case Integer i -> f.numberNode(i.longValue());
      case Double d -> f.numberNode(d);
      case Number n -> f.numberNode(n.doubleValue());
      case Boolean b -> f.booleanNode(b);
      default -> f.textNode(v.toString());
    };
  }

  /** A JSON scalar as a Java value: Long for integral numbers, Double, Boolean or String. */
  public static Object scalar(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    throw new IllegalArgumentException("expected a string, number or boolean, got " + v);
  }

  private static void checkKeys(JsonNode node, Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown field '" + k + "'");
              }
            });
  }

  private static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number");
    }
    return v.doubleValue();
  }

  private static long integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || v.doubleValue() != Math.rint(v.doubleValue())) {
      throw new IllegalArgumentException(field + " must be an integer");
    }
    return v.longValue();
  }

  private static List<Parameter> topologicalOrder(List<Parameter> input) {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter p : input) {
      if (byName.put(p.name(), p) != null) {
        throw new InvalidSpaceException(p.name(), "defined twice");
      }
    }
    List<Parameter> canonical = new ArrayList<>();
    for (Parameter p : input) {
      Map<String, List<Object>> when = new LinkedHashMap<>();
      for (var cond : p.when().entrySet()) {
        Parameter parent = byName.get(cond.getKey());
        if (parent == null) {
          throw new InvalidSpaceException(
              p.name(), "when names unknown parameter '" + cond.getKey() + "'");
        }
        List<Object> values = new ArrayList<>();
        for (Object v : cond.getValue()) {
          try {
            values.add(parent.distribution().canonical(v));
          } catch (IllegalArgumentException e) {
            throw new InvalidSpaceException(
                p.name(), "when." + cond.getKey() + ": " + e.getMessage());
          }
        }
        when.put(cond.getKey(), List.copyOf(values));
      }
      Parameter c = new Parameter(p.name(), p.distribution(), when);
      canonical.add(c);
      byName.put(c.name(), c);
    }
    List<Parameter> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Map<String, Boolean> visiting = new HashMap<>();
    for (Parameter p : canonical) {
      visit(p, byName, done, visiting, ordered);
    }
    return List.copyOf(ordered);
  }

  private static void visit(
      Parameter p,
      Map<String, Parameter> byName,
      Set<String> done,
      Map<String, Boolean> visiting,
      List<Parameter> ordered) {
    if (done.contains(p.name())) {
      return;
    }
    if (visiting.containsKey(p.name())) {
      throw new InvalidSpaceException(p.name(), "its when conditions form a cycle");
    }
    visiting.put(p.name(), true);
    for (String parent : p.when().keySet()) {
      visit(byName.get(parent), byName, done, visiting, ordered);
    }
    visiting.remove(p.name());
    done.add(p.name());
    ordered.add(p);
  }
}
