package org.hpofarm.master.trial;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hpofarm.master.space.SearchSpace;

/**
 * The JSON form of a trial, the same on the wire and in the database. Encoding is deterministic and
 * decoding gives back an equal record, so a stored text can stand for the trial in a compare and
 * set. Infinite values are written as the strings {@code "Infinity"} and {@code "-Infinity"}
 * (Jackson's default) and read back as numbers.
 */
public final class TrialJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrialJson() {}

  /** The trial as a JSON tree: {@link #encode}'s text, parsed (one list of fields for both). */
  public static ObjectNode toJson(Trial t) {
    try {
      return (ObjectNode) JSON.readTree(encode(t));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("trial encoder wrote invalid JSON", e);
    }
  }

  /** The trial's params as a JSON object. */
  public static ObjectNode params(Trial t) {
    ObjectNode params = JSON.createObjectNode();
    t.params().forEach((k, v) -> params.set(k, SearchSpace.toJsonValue(v)));
    return params;
  }

  /** The trial as JSON text, written straight to a generator: the hot path of every trial write. */
  public static String encode(Trial t) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("number", t.number());
      g.writeStringField("state", t.state().name());
      g.writeObjectFieldStart("params");
      for (var e : t.params().entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeTree(SearchSpace.toJsonValue(e.getValue()));
      }
      g.writeEndObject();
      if (t.values().size() == 1) {
        g.writeNumberField("value", t.values().get(0));
      }
      if (!t.values().isEmpty()) {
        g.writeArrayFieldStart("values");
        for (double v : t.values()) {
          g.writeNumber(v);
        }
        g.writeEndArray();
      }
      g.writeObjectFieldStart("intermediate");
      for (var e : t.intermediate().entrySet()) {
        g.writeNumberField(Integer.toString(e.getKey()), e.getValue());
      }
      g.writeEndObject();
      writeNullable(g, "worker", t.worker());
      writeNullable(g, "created", t.created());
      writeNullable(g, "started", t.started());
      writeNullable(g, "finished", t.finished());
      writeNullable(g, "error", t.error());
      g.writeNumberField("attempt", t.attempt());
      if (t.resumes() != null) {
        g.writeNumberField("resumes", t.resumes());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeNullable(JsonGenerator g, String field, Object v) throws IOException {
    if (v == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, v.toString());
    }
  }

  public static Trial decode(String text) {
    try {
      return fromJson(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a trial: " + e.getOriginalMessage(), e);
    }
  }

  public static Trial fromJson(JsonNode n) {
    Map<String, Object> params = new LinkedHashMap<>();
    n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), value(e.getValue())));
    List<Double> values = new ArrayList<>();
    n.path("values").forEach(v -> values.add(v.asDouble()));
    TreeMap<Integer, Double> inter = new TreeMap<>();
    n.path("intermediate")
        .fields()
        .forEachRemaining(e -> inter.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
    return new Trial(
        n.path("number").intValue(),
        TrialState.valueOf(n.path("state").asText()),
        params,
        values,
        inter,
        text(n, "worker"),
        instant(n, "created"),
        instant(n, "started"),
        instant(n, "finished"),
        text(n, "error"),
        n.path("attempt").intValue(),
        n.hasNonNull("resumes") ? n.get("resumes").intValue() : null);
  }

  private static Object value(JsonNode v) {
    return v.isNull() ? null : SearchSpace.scalar(v);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    return s == null ? null : Instant.parse(s);
  }
}
