package org.hpofarm.master.farm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;

/**
 * What an agent says when it asks for work: who it is, every slice it has, and which of them are
 * free now. Validated when built: every error names the field at fault.
 *
 * @param agent the agent's id (one agent per node; it is the slices' node unless they say)
 * @param slices every slice the agent offers, in its own order
 * @param free the ids of the slices that run nothing now
 * @param max the most trials to start now (an agent that can run only a few more processes)
 * @param simulated whether the agent's slices are simulated (its trials run on a CPU); shown in the
 *     farm's state
 * @param runs the executor kinds the agent can run: only studies of these kinds are placed on it
 * @param address the host name or address other nodes reach this agent at (where a worker group
 *     spread over nodes meets when its rank 0 is here), or null: no group spread over nodes meets
 *     here
 */
public record LeaseRequest(
    String agent,
    List<Slice> slices,
    Set<String> free,
    int max,
    boolean simulated,
    Set<String> runs,
    String address) {

  /** The executor kinds there are, and what an agent that does not say runs. */
  public static final Set<String> EXECUTOR_KINDS = Set.of("command", "djl");

  /** The most slices one agent may offer. */
  public static final int MAX_SLICES = 4096;

  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern MIG_PROFILE = Pattern.compile("(\\d+)g\\..*");
  private static final Set<String> FIELDS =
      Set.of("id", "gpu", "profile", "memoryMiB", "kind", "node", "model");

  public LeaseRequest {
    if (agent == null || !AGENT.matcher(agent).matches()) {
      throw new IllegalArgumentException(
          "agent: 1 to 128 letters, digits or ._@:- characters, got '" + agent + "'");
    }
    slices = List.copyOf(slices);
    if (slices.size() > MAX_SLICES) {
      throw new IllegalArgumentException(
          "slices: at most " + MAX_SLICES + " per agent, got " + slices.size());
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < slices.size(); i++) {
      if (!ids.add(slices.get(i).id())) {
        throw new IllegalArgumentException(
            "slices[" + i + "].id: '" + slices.get(i).id() + "' appears twice");
      }
    }
    for (String f : free) {
      if (!ids.contains(f)) {
        throw new IllegalArgumentException("free: slice '" + f + "' is not among slices");
      }
    }
    free = Set.copyOf(free);
    if (max < 0) {
      throw new IllegalArgumentException("max: must not be negative, got " + max);
    }
    runs = Set.copyOf(runs);
    if (address != null && !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException(
          "address: a host name or IP address, got '" + address + "'");
    }
  }

  /** A request of a real agent that runs every executor kind. */
  public LeaseRequest(String agent, List<Slice> slices, Set<String> free, int max) {
    this(agent, slices, free, max, false, EXECUTOR_KINDS, null);
  }

  /** A request of a real agent without a limit on the trials started. */
  public LeaseRequest(String agent, List<Slice> slices, Set<String> free) {
    this(agent, slices, free, Integer.MAX_VALUE);
  }

  /**
   * Reads the body of {@code POST /api/v1/agents/{agent}/lease}: {@code {"slices": [{"id", "gpu",
   * "profile", "memoryMiB", "kind"?, "node"?, "model"?}], "free": ["id", ...], "max"?: n,
   * "simulated"?: bool, "runs"?: ["command", "djl"], "address"?: "node7.example.org"}} ({@code
   * runs}: the executor kinds the agent can run, all when absent). A slice's kind, when not given,
   * follows from the rest: no GPU is a CPU slot, a {@code MIG-} id or an {@code Ng.} profile is a
   * MIG instance, {@code shared} a shared GPU slot, anything else a whole GPU.
   */
  public static LeaseRequest fromJson(String agent, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("body: must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!Set.of("slices", "free", "max", "simulated", "runs", "address").contains(f)) {
                throw new IllegalArgumentException(
                    f + ": unknown field (known: slices, free, max, simulated, runs, address)");
              }
            });
    JsonNode s = body.get("slices");
    if (s == null || !s.isArray()) {
      throw new IllegalArgumentException("slices: must be an array of slices");
    }
    if (s.size() > MAX_SLICES) {
      throw new IllegalArgumentException(
          "slices: at most " + MAX_SLICES + " per agent, got " + s.size());
    }
    List<Slice> slices = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      slices.add(slice(agent, s.get(i), "slices[" + i + "]"));
    }
    Set<String> free = new LinkedHashSet<>();
    JsonNode f = body.get("free");
    if (f != null && !f.isNull()) {
      if (!f.isArray()) {
        throw new IllegalArgumentException("free: must be an array of slice ids");
      }
      for (int i = 0; i < f.size(); i++) {
        if (!f.get(i).isTextual()) {
          throw new IllegalArgumentException("free[" + i + "]: must be a slice id string");
        }
        if (!free.add(f.get(i).textValue())) {
          throw new IllegalArgumentException(
              "free[" + i + "]: '" + f.get(i).textValue() + "' appears twice");
        }
      }
    }
    int max = Integer.MAX_VALUE;
    JsonNode m = body.get("max");
    if (m != null && !m.isNull()) {
      if (!m.isIntegralNumber() || !m.canConvertToInt() || m.intValue() < 0) {
        throw new IllegalArgumentException("max: must be a non-negative integer, got " + m);
      }
      max = m.intValue();
    }
    JsonNode simulated = body.get("simulated");
    if (simulated != null && !simulated.isNull() && !simulated.isBoolean()) {
      throw new IllegalArgumentException("simulated: must be true or false, got " + simulated);
    }
    Set<String> runs = EXECUTOR_KINDS;
    JsonNode r = body.get("runs");
    if (r != null && !r.isNull()) {
      if (!r.isArray()) {
        throw new IllegalArgumentException("runs: must be an array of executor kinds");
      }
      runs = new LinkedHashSet<>();
      for (int i = 0; i < r.size(); i++) {
        if (!r.get(i).isTextual()) {
          throw new IllegalArgumentException("runs[" + i + "]: must be an executor kind string");
        }
        runs.add(r.get(i).textValue()); // kinds this master does not know are simply never asked
      }
    }
    JsonNode address = body.get("address");
    if (address != null && !address.isNull() && !address.isTextual()) {
      throw new IllegalArgumentException("address: must be a string, got " + address);
    }
    return new LeaseRequest(
        agent,
        slices,
        free,
        max,
        simulated != null && simulated.booleanValue(),
        runs,
        address == null || address.isNull() ? null : address.textValue());
  }

  private static Slice slice(String agent, JsonNode n, String field) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(field + ": must be an object");
    }
    n.fieldNames()
        .forEachRemaining(
            k -> {
              if (!FIELDS.contains(k)) {
                throw new IllegalArgumentException(
                    field + "." + k + ": unknown field (known: " + FIELDS + ")");
              }
            });
    String id = text(n, "id", field);
    if (id == null || id.isBlank() || id.length() > 256) {
      throw new IllegalArgumentException(field + ".id: must be a non-empty string");
    }
    String gpu = text(n, "gpu", field);
    String profile = text(n, "profile", field);
    String node = text(n, "node", field);
    String model = text(n, "model", field);
    long memory = 0;
    JsonNode m = n.get("memoryMiB");
    if (m != null && !m.isNull()) {
      if (!m.isIntegralNumber() || m.longValue() < 0) {
        throw new IllegalArgumentException(
            field + ".memoryMiB: must be a non-negative integer, got " + m);
      }
      memory = m.longValue();
    }
    SliceKind kind;
    String k = text(n, "kind", field);
    if (k != null) {
      try {
        kind = SliceKind.valueOf(k.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            field + ".kind: one of MIG, WHOLE_GPU, SHARED_GPU, CPU, got '" + k + "'");
      }
    } else {
      kind = inferKind(id, gpu, profile);
    }
    if (kind != SliceKind.CPU && gpu == null) {
      throw new IllegalArgumentException(field + ".gpu: a " + kind + " slice needs its GPU's id");
    }
    if (profile == null) {
      profile =
          switch (kind) {
            case CPU -> "cpu";
            case SHARED_GPU -> "shared";
            case WHOLE_GPU -> "whole";
            case MIG ->
                throw new IllegalArgumentException(
                    field + ".profile: a MIG slice needs its profile, such as 1g.10gb");
          };
    }
    Matcher g = MIG_PROFILE.matcher(profile);
    int compute = g.matches() ? Integer.parseInt(g.group(1)) : 0;
    return new Slice(
        id,
        kind,
        node == null ? agent : node,
        kind == SliceKind.CPU ? null : gpu,
        model == null ? (kind == SliceKind.CPU ? "cpu" : "unknown") : model,
        profile,
        memory,
        compute);
  }

  private static SliceKind inferKind(String id, String gpu, String profile) {
    if (gpu == null) {
      return SliceKind.CPU;
    }
    if (id.startsWith("MIG-") || (profile != null && MIG_PROFILE.matcher(profile).matches())) {
      return SliceKind.MIG;
    }
    if ("shared".equals(profile)) {
      return SliceKind.SHARED_GPU;
    }
    return SliceKind.WHOLE_GPU;
  }

  private static String text(JsonNode n, String name, String field) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + "." + name + ": must be a string, got " + v);
    }
    return v.textValue();
  }
}
