package org.hpofarm.worker.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a trial ended on this agent: its objective values, or that it failed, was pruned or stopped.
 */
public sealed interface Outcome {

  /** The body of the master's tell route for this outcome. */
  ObjectNode toJson();

  /** Reads back {@link #toJson}. */
  static Outcome fromJson(JsonNode n) {
    return switch (n.path("state").asText("")) {
      case "failed" -> new Failed(n.path("error").asText());
      case "pruned" -> new Pruned();
      case "preempted" -> new Preempted();
      default -> {
        List<Double> values = new ArrayList<>();
        n.path("values").forEach(v -> values.add(v.doubleValue()));
        yield new Values(values);
      }
    };
  }

  /** The trial COMPLETE with one value per direction. */
  record Values(List<Double> values) implements Outcome {
    public Values {
      values = List.copyOf(values);
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
   * The trial stopped by this agent (it is shutting down): the master puts its params back in the
   * queue without counting a failure, and the next try resumes its checkpoint.
   */
  record Preempted() implements Outcome {
    @Override
    public ObjectNode toJson() {
      return JsonNodeFactory.instance.objectNode().put("state", "preempted");
    }
  }

  /** The trial PRUNED (it stopped early on the pruner's advice). */
  record Pruned() implements Outcome {
    @Override
    public ObjectNode toJson() {
      return JsonNodeFactory.instance.objectNode().put("state", "pruned");
    }
  }
}
