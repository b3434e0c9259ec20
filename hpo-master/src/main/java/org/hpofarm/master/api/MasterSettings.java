package org.hpofarm.master.api;

import java.nio.file.Path;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.master.store.MemberSettings;

/**
 * Everything a master needs to start: its data directory (admin token, default H2 database), the
 * database URL (null: H2 under the data directory), its cluster membership, its HTTP side and how
 * many virtual-thread verticle instances serve requests, and its farm (burst window, simulated
 * agent).
 */
public record MasterSettings(
    Path dataDir,
    String dbUrl,
    MemberSettings member,
    ApiSettings api,
    int instances,
    FarmSettings farm) {

  public MasterSettings {
    if (instances < 1 || instances > 1024) {
      throw new IllegalArgumentException("instances: must be in [1, 1024], got " + instances);
    }
    farm = farm == null ? FarmSettings.defaults() : farm;
  }

  /** Settings with the default farm (weekend window, no simulated agent). */
  public MasterSettings(
      Path dataDir, String dbUrl, MemberSettings member, ApiSettings api, int instances) {
    this(dataDir, dbUrl, member, api, instances, FarmSettings.defaults());
  }
}
