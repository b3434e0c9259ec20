package org.hpofarm.master.farm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.hpofarm.mig.slice.Slice;

/**
 * One slice's share of a placed trial: which study and trial runs on it, with what params, how (the
 * study's executor) and how often to heartbeat. A worker group's trial gives one assignment per
 * slice; they share the study, trial and worker id and differ in {@code rank}.
 *
 * @param checkpoint the trial whose checkpoint this one continues (itself on a first try)
 * @param worker the worker id the trial is held by: the agent and the group's first slice
 * @param group every slice id of the trial's worker group, rank order
 * @param rank this slice's place in {@code group}
 * @param rendezvous where a group spread over several agents meets ({@code host:port} on rank 0's
 *     agent), or null: a group on one agent meets on that node, on a port its agent picks
 */
public record Assignment(
    String study,
    int trial,
    int checkpoint,
    Map<String, Object> params,
    Slice slice,
    JsonNode executor,
    int heartbeatSeconds,
    String worker,
    List<String> group,
    int rank,
    String rendezvous) {

  public Assignment {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    group = List.copyOf(group);
  }

  /** {@code study:trial}, the name a trial goes by in logs and environment variables. */
  public String trialName() {
    return study + ":" + trial;
  }

  /** The executor's kind ({@code command}, {@code djl}, ...). */
  public String kind() {
    return executor.path("kind").asText("");
  }
}
