package org.hpofarm.master.farm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.hpofarm.mig.allocation.Reservation;
import org.hpofarm.mig.slice.Slice;

/**
 * The farm at one instant, as {@code GET /api/v1/farm} shows it: the agents, every slice with the
 * trial that holds it, and the reservations.
 */
public record FarmState(
    List<AgentInfo> agents, List<SliceInfo> slices, List<Reservation> reservations) {

  public FarmState {
    agents = List.copyOf(agents);
    slices = List.copyOf(slices);
    reservations = List.copyOf(reservations);
  }

  /** An agent and when it last asked for work. */
  public record AgentInfo(String id, int slices, int held, Instant lastSeen, boolean simulated) {
    /** As the farm routes show it. */
    public ObjectNode toJson() {
      return JsonNodeFactory.instance
          .objectNode()
          .put("id", id)
          .put("slices", slices)
          .put("held", held)
          .put("lastSeen", lastSeen.toString())
          .put("simulated", simulated);
    }
  }

  /**
   * A slice, the agent that offers it and the trial that holds it, of which user's study ({@code
   * study} and {@code owner} null and {@code trial} -1 when none).
   */
  public record SliceInfo(Slice slice, String agent, String study, String owner, int trial) {}
}
