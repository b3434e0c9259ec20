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
 * @param group every slice id of the trial's worker group, rank order
 * @param local the group's slices on this agent, rank order (all of them unless the group is spread
 *     over agents)
 * @param rank this slice's place in {@code group}
 * @param rendezvous where a group spread over agents meets ({@code host:port} on rank 0's agent),
 *     or null: the group meets on this node, on a port the runner picks
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
    List<String> group,
    List<Slice> local,
    int rank,
    String rendezvous) {

  public Assignment {
    params = params.deepCopy();
    group = List.copyOf(group);
    local = List.copyOf(local);
  }

  /** The assignment of a group all on this agent ({@code group}: its slices, rank order). */
  public Assignment(
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
    this(
        study,
        trial,
        checkpoint,
        params,
        slice,
        executor,
        heartbeatSeconds,
        worker,
        group.stream().map(Slice::id).toList(),
        group,
        rank,
        null);
  }

  /** Whether rank 0 runs here: this agent reads the trial's protocol, reports and tells. */
  public boolean speaks() {
    return !local.isEmpty() && local.get(0).id().equals(group.get(0));
  }

  /** {@code study:trial}, the name a trial goes by in logs and environment variables. */
  public String trialName() {
    return study + ":" + trial;
  }

  /** The ids of the group's slices on this agent. */
  public List<String> localIds() {
    return local.stream().map(Slice::id).toList();
  }

  /** The executor's kind ({@code command}, {@code djl}, ...). */
  public String kind() {
    return executor.path("kind").asText("");
  }
}
