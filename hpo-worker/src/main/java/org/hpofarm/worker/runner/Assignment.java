package org.hpofarm.worker.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hpofarm.mig.slice.Slice;

/**
 * One slice's share of a trial the master placed on this agent: which study and trial runs on it,
 * with what params, how (the study's executor) and how often to heartbeat. A worker group's trial
 * gives one assignment per slice; they share the study, trial and worker id and differ in {@code
 * rank}.
 *
 * @param checkpoint the trial whose checkpoint this one writes and resumes: itself on a first try,
 *     the first try's number when the master re-queued a lost or preempted trial
 * @param params the trial's params as the API gives them (a JSON object)
 * @param worker the worker id the trial is held by: the agent and the group's first slice
 * @param group every slice of the trial's worker group, rank order (all on this agent's node)
 * @param rank this slice's place in {@code group}
 */
public record Assignment(
    String study,
    int trial,
    int checkpoint,
    ObjectNode params,
    Slice slice,
    JsonNode executor,
    int heartbeatSeconds,
    String worker,
    List<Slice> group,
    int rank) {

  public Assignment {
    params = params.deepCopy();
    group = List.copyOf(group);
  }

  /** {@code study:trial}, the name a trial goes by in logs and environment variables. */
  public String trialName() {
    return study + ":" + trial;
  }

  /** The ids of the group's slices, rank order. */
  public List<String> groupIds() {
    return group.stream().map(Slice::id).toList();
  }

  /** The executor's kind ({@code command}, {@code djl}, ...). */
  public String kind() {
    return executor.path("kind").asText("");
  }
}
