package org.hpofarm.master.farm;

/**
 * Thrown when a lease call may not act as the agent it names: the id belongs to another token's
 * user, a slice it offers is held by another live agent, or its user is at the cap of agents or
 * slices. Nothing changes.
 */
public final class AgentRefused extends RuntimeException {
  public AgentRefused(String message) {
    super(message);
  }
}
