package org.hpofarm.worker.agent;

import java.nio.file.Path;
import java.time.Duration;
import org.hpofarm.mig.slice.Inventory;

/**
 * How an agent runs.
 *
 * @param id the agent's id at the master (one agent per node: the host name by default)
 * @param inventory the slices it offers
 * @param parallelism the most trials it runs at once (each trial is one process per slice)
 * @param poll how often it asks for work when nothing ends (and heartbeats its trials)
 * @param simulated whether its slices are simulated (shown as such by the master)
 * @param workDir where results the master could not be told wait for it (null: memory only)
 * @param address the host name or address other nodes reach this agent at, where a worker group
 *     spread over nodes meets when its rank 0 is here (null: none meets here)
 */
public record AgentSettings(
    String id,
    Inventory inventory,
    int parallelism,
    Duration poll,
    boolean simulated,
    Path workDir,
    String address) {

  public AgentSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism: must be at least 1, got " + parallelism);
    }
  }

  /** Settings of an agent that no group spread over nodes meets at (no {@code address}). */
  public AgentSettings(
      String id,
      Inventory inventory,
      int parallelism,
      Duration poll,
      boolean simulated,
      Path workDir) {
    this(id, inventory, parallelism, poll, simulated, workDir, null);
  }
}
