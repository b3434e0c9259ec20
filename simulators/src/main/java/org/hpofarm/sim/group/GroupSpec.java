package org.hpofarm.sim.group;

import java.util.Map;

/**
 * Where one process stands in a data-parallel worker group: the group's size, its own rank, and the
 * address of rank 0, the hub that every other rank connects to.
 *
 * @param worldSize number of ranks (1: a single worker, no group)
 * @param rank this process's rank, 0 to worldSize - 1
 * @param address host that rank 0 listens on
 * @param port port that rank 0 listens on
 */
public record GroupSpec(int worldSize, int rank, String address, int port) {

  public GroupSpec {
    if (worldSize < 1) {
      throw new IllegalArgumentException("WORLD_SIZE: must be >= 1, got " + worldSize);
    }
    if (rank < 0 || rank >= worldSize) {
      throw new IllegalArgumentException(
          "RANK: must be from 0 to " + (worldSize - 1) + ", got " + rank);
    }
    if (worldSize > 1 && (port < 1 || port > 65_535)) {
      throw new IllegalArgumentException("MASTER_PORT: must be from 1 to 65535, got " + port);
    }
  }

  /** A single worker: no group, no exchange. */
  public static GroupSpec single() {
    return new GroupSpec(1, 0, "127.0.0.1", 0);
  }

  /**
   * The group that PyTorch's launcher variables describe ({@code WORLD_SIZE}, {@code RANK}, {@code
   * MASTER_ADDR}, {@code MASTER_PORT}, as the farm's agent sets them for a worker group); a single
   * worker when {@code WORLD_SIZE} is absent or 1.
   */
  public static GroupSpec fromEnvironment(Map<String, String> env) {
    String size = env.get("WORLD_SIZE");
    if (size == null || size.isBlank() || size.strip().equals("1")) {
      return single();
    }
    return new GroupSpec(
        integer(env, "WORLD_SIZE"),
        integer(env, "RANK"),
        env.getOrDefault("MASTER_ADDR", "127.0.0.1"),
        integer(env, "MASTER_PORT"));
  }

  private static int integer(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + ": not set, needed with WORLD_SIZE > 1");
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not an integer: '" + v + "'");
    }
  }

  /** Whether this process trains alone. */
  public boolean isSingle() {
    return worldSize == 1;
  }

  /** Whether this process is rank 0: the hub, the one that evaluates and reports. */
  public boolean isHub() {
    return rank == 0;
  }
}
