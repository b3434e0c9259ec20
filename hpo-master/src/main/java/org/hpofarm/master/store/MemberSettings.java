package org.hpofarm.master.store;

import java.util.List;

/**
 * How this master joins its cluster: cluster name, the address it binds, its Hazelcast port and the
 * members to contact (TCP join; empty: only itself).
 */
public record MemberSettings(String cluster, String host, int port, List<String> members) {

  public MemberSettings {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("hz-port: must be in [1, 65535], got " + port);
    }
    members = List.copyOf(members);
  }

  public static MemberSettings loopback(String cluster, int port) {
    return new MemberSettings(cluster, "127.0.0.1", port, List.of());
  }
}
