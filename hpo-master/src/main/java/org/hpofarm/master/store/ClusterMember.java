package org.hpofarm.master.store;

import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MapStoreConfig.InitialLoadMode;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.HashSet;
import java.util.Set;

/**
 * The embedded Hazelcast member of a master, started from {@link MemberSettings} with its maps
 * backed by a {@link Database}: {@code studies} and {@code tokens} written through by map stores,
 * {@code trials} and {@code numbers} loaded from the database, {@code leases} and {@code claims} in
 * memory only.
 */
final class ClusterMember implements AutoCloseable {

  private final HazelcastInstance hz;
  private final Database db;
  private final JdbcRecords records;
  private final TokenMapStore tokenRecords;

  private ClusterMember(
      HazelcastInstance hz, Database db, JdbcRecords records, TokenMapStore tokenRecords) {
    this.hz = hz;
    this.db = db;
    this.records = records;
    this.tokenRecords = tokenRecords;
  }

  /** Starts a member joining {@code settings}' cluster, durable in {@code db}. */
  static ClusterMember start(MemberSettings settings, Database db) {
    JdbcRecords records = new JdbcRecords(db);
    TokenMapStore tokens = new TokenMapStore(records, new RecordSeal(records.secret("tokens")));
    return new ClusterMember(
        Hazelcast.newHazelcastInstance(config(settings, records, tokens)), db, records, tokens);
  }

  /**
   * The member's Hazelcast configuration: a member endpoint only (no client endpoint: Hazelcast
   * clients cannot connect), bound to the given address; TCP join to the listed members, no
   * multicast, no phone-home; maps written through to the database.
   */
  private static Config config(MemberSettings settings, JdbcRecords records, TokenMapStore tokens) {
    Config c = new Config();
    c.setClusterName(settings.cluster());
    c.setInstanceName(settings.cluster() + "-" + settings.host() + "-" + settings.port());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.partition.count", "71");
    // Every told result is already in the database: a shutdown need not wait long for migrations.
    c.setProperty("hazelcast.graceful.shutdown.max.wait", "60");
    AdvancedNetworkConfig network = c.getAdvancedNetworkConfig().setEnabled(true);
    ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
    member.setPort(settings.port()).setPortAutoIncrement(false);
    member.setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(settings.host()));
    network.setMemberEndpointConfig(member);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    var tcp = join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    if (settings.members().isEmpty()) {
      tcp.addMember(settings.host() + ":" + settings.port());
    } else {
      settings.members().forEach(tcp::addMember);
    }
    c.addMapConfig(durable("studies", new StudyMapStore(records), InitialLoadMode.EAGER, true));
    c.addMapConfig(durable("tokens", tokens, InitialLoadMode.LAZY, true));
    c.addMapConfig(durable("trials", new TrialMapLoader(records), InitialLoadMode.LAZY, true));
    c.addMapConfig(durable("numbers", new NumberMapLoader(records), InitialLoadMode.LAZY, false));
    c.addMapConfig(new MapConfig("leases").setBackupCount(1));
    c.addMapConfig(new MapConfig("claims").setBackupCount(1));
    return c;
  }

  /**
   * A map backed by the database through {@code store} (a map store, written through, or a loader
   * only). {@code offload}: run the store's calls off the partition threads (for calls that wait on
   * the database often; a load that happens once per study may block its partition thread).
   */
  private static MapConfig durable(
      String name, Object store, InitialLoadMode mode, boolean offload) {
    MapStoreConfig ms =
        new MapStoreConfig()
            .setEnabled(true)
            .setImplementation(store)
            .setWriteDelaySeconds(0)
            .setInitialLoadMode(mode)
            .setOffload(offload);
    return new MapConfig(name).setBackupCount(1).setMapStoreConfig(ms);
  }

  /** Study id to study JSON, all loaded at start. */
  IMap<String, String> studies() {
    return hz.getMap("studies");
  }

  /** {@code study/number} ({@link TrialKey}) to trial JSON, loaded study by study. */
  IMap<String, String> trials() {
    return hz.getMap("trials");
  }

  /** Study id to its next trial number, loaded from the highest stored trial. */
  IMap<String, Integer> numbers() {
    return hz.getMap("numbers");
  }

  /** Trial key to the expiry of its last lease renewal (epoch ms); not durable. */
  IMap<String, Long> leases() {
    return hz.getMap("leases");
  }

  /**
   * Trial key to the id of the member that took its number and has yet to store it; not durable.
   */
  IMap<String, String> claims() {
    return hz.getMap("claims");
  }

  /** Token hash to its sealed record ({@link TokenMapStore#encode}). */
  IMap<String, String> tokens() {
    return hz.getMap("tokens");
  }

  HazelcastInstance hazelcast() {
    return hz;
  }

  Database database() {
    return db;
  }

  /** The rows of the database this member writes through to. */
  JdbcRecords records() {
    return records;
  }

  /** The map store of the {@code tokens} map, which seals and opens its values. */
  TokenMapStore tokenRecords() {
    return tokenRecords;
  }

  /** The address of this member, as other members reach it. */
  String address() {
    var a = hz.getCluster().getLocalMember().getAddress();
    return a.getHost() + ":" + a.getPort();
  }

  /** How many members the cluster has now, this one included. */
  int clusterSize() {
    return hz.getCluster().getMembers().size();
  }

  /** This member's id, unique to this run of it. */
  String id() {
    return hz.getCluster().getLocalMember().getUuid().toString();
  }

  /** The ids of the cluster's members now, this one included. */
  Set<String> memberIds() {
    Set<String> ids = new HashSet<>();
    hz.getCluster().getMembers().forEach(m -> ids.add(m.getUuid().toString()));
    return ids;
  }

  /** Whether this member owns the partition of map key {@code key}. */
  boolean owns(String key) {
    var owner = hz.getPartitionService().getPartition(key).getOwner();
    return owner != null && owner.localMember();
  }

  /**
   * Runs {@code joined} each time a member joins the cluster and {@code left} each time one leaves,
   * each on a virtual thread of its own: not on Hazelcast's event thread, since an action such as
   * registering a listener waits on the cluster.
   */
  void whenMembershipChanges(Runnable joined, Runnable left) {
    hz.getCluster()
        .addMembershipListener(
            new MembershipAdapter() {
              @Override
              public void memberAdded(MembershipEvent e) {
                Thread.ofVirtual().start(joined);
              }

              @Override
              public void memberRemoved(MembershipEvent e) {
                Thread.ofVirtual().start(left);
              }
            });
  }

  /** Leaves the cluster and closes the database. */
  @Override
  public void close() {
    hz.shutdown();
    db.close();
  }
}
