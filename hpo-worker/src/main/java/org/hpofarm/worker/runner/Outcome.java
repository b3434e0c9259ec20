package org.hpofarm.worker.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a trial ended, as an agent or a client tells the master: its objective values, or that it
 * failed, was pruned or was preempted. {@link #toJson} is the body of the master's tell route and
 * {@link #fromJson} reads it, on the master and wherever an agent keeps a tell.
 */
public sealed interface Outcome {

  /** The body of the master's tell route for this outcome. */
  ObjectNode toJson();

  /**
   * Reads a tell body: {@code {"value": 0.37}}, {@code {"values": [0.37, 12]}}, or {@code {"state":
   * "failed" | "pruned" | "preempted" | "complete", ...}}; throws {@link IllegalArgumentException}
   * naming the bad field.
   */
  static Outcome fromJson(JsonNode body) {
    String state = text(body, "state");
    if (state == null) {
      return Values.fromJson(body);
    }
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "failed", "fail" -> new Failed(text(body, "error"));
      case "pruned" -> new Pruned();
      case "preempted" -> new Preempted();
      case "lost" -> new Lost(text(body, "error"));
      case "complete" -> Values.fromJson(body);
      default ->
          throw new IllegalArgumentException(
              "state: must be failed, pruned, preempted or lost, got '" + state + "'");
    };
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + ": must be a string, got " + v);
    }
    return v.textValue();
  }

  /** The trial COMPLETE with one value per direction. */
  record Values(List<Double> values) implements Outcome {
    public Values {
      values = List.copyOf(values);
    }

    /**
     * Reads {@code {"value": 0.37}} or {@code {"values": [0.37, 12]}}; throws {@link
     * IllegalArgumentException} naming the bad field.
     */
    public static Values fromJson(JsonNode body) {
      if (body.hasNonNull("values")) {
        JsonNode vs = body.get("values");
        if (!vs.isArray() || vs.isEmpty()) {
          throw new IllegalArgumentException("values: must be a non-empty array of numbers");
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < vs.size(); i++) {
          if (!vs.get(i).isNumber()) {
            throw new IllegalArgumentException(
                "values[" + i + "]: must be a number, got " + vs.get(i));
          }
          values.add(vs.get(i).doubleValue());
        }
        return new Values(values);
      }
      JsonNode v = body.get("value");
      if (v == null || v.isNull()) {
        throw new IllegalArgumentException("value: missing (give value, values, or state)");
      }
      if (!v.isNumber()) {
        throw new IllegalArgumentException("value: must be a number, got " + v);
      }
      return new Values(List.of(v.doubleValue()));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      values.forEach(n.putArray("values")::add);
      return n;
    }
  }

  /** The trial FAILED, with the error in words. */
  record Failed(String error) implements Outcome {
    @Override
    public ObjectNode toJson() {
      return JsonNodeFactory.instance.objectNode().put("state", "failed").put("error", error);
    }
  }

  /**
   * The trial stopped by its agent (SIGTERM, a window's end, scancel): the master marks it FAILED
   * with error {@code preempted} and puts its params back in the queue with the same attempt (the
   * retry budget is untouched), and the next try resumes its checkpoint.
   */
  record Preempted() implements Outcome {
    @Override
    public ObjectNode toJson() {
      return JsonNodeFactory.instance.objectNode().put("state", "preempted");
    }
  }

  /**
   * The trial lost on its agent (a rank of its worker group failed): the master marks it FAILED
   * with error {@code lost: <error>} and, while retries remain, puts its params back in the queue
   * with {@code attempt + 1}, as when its lease runs out; the next try resumes its checkpoint.
   */
  record Lost(String error) implements Outcome {
    @Override
    public ObjectNode toJson() {
      return JsonNodeFactory.instance.objectNode().put("state", "lost").put("error", error);
    }
  }

  /**
   * The ranks of a worker group that ran on an agent without rank 0 ended well: nothing to tell,
   * rank 0's agent tells the trial. Never sent: {@link #toJson} refuses.
   */
  record Ended() implements Outcome {
    @Override
    public ObjectNode toJson() {
      throw new IllegalStateException("a group's other ranks ending is not told to the master");
    }
  }

  /** The trial PRUNED (it stopped early on its own or on the pruner's advice). */
  record Pruned() implements Outcome {
    @Override
    public ObjectNode toJson() {
      return JsonNodeFactory.instance.objectNode().put("state", "pruned");
    }
  }
}
