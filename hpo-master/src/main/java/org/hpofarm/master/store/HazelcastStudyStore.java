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
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.auth.TokenRecord;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyJson;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;

/**
 * The clustered study store: an embedded Hazelcast member whose maps hold the working set, written
 * through to a relational database (H2 or PostgreSQL), so a call that returned is durable.
 *
 * <p>Maps: {@code studies} (id to study JSON, all loaded at start) and {@code tokens}, written
 * through by map stores; {@code trials} ({@code study/number} to trial JSON), loaded by a map
 * loader and written through by this class: a new trial goes to the database, then to the map; a
 * transition is taken in the map by compare and set, then written to the database before the call
 * returns (set back in the map if the database refuses it). Written from the caller's thread,
 * concurrent trial writes share commits ({@link GroupCommit}); through a map store each would hold
 * a Hazelcast thread until its commit, which cost a fifth of the two cores under load. {@code
 * numbers} (study to next trial number, taken by an entry processor and loaded from the highest
 * stored trial); {@code leases} (trial key to the expiry of its last renewal, kept for one lease
 * length; not durable: after a full restart running trials get a fresh lease). No CP subsystem:
 * compare-and-set replaces and entry processors give every guarantee the service needs.
 *
 * <p>Each member keeps a local view of the trials of the studies it serves ({@link TrialTable}),
 * fed by its own writes and, once the cluster has more than one member, by map events from the
 * others, so that a sampler's history, the waiting trials and a worker's running trials cost no
 * cluster round trip. Samplers tolerate a view a few milliseconds stale; transitions always compare
 * and set against the map itself.
 */
public final class HazelcastStudyStore implements StudyStore {

  private final HazelcastInstance hz;
  private final Database db;
  private final JdbcRecords records;
  private final IMap<String, String> studies;
  private final IMap<String, String> trials;
  private final IMap<String, Integer> numbers;
  private final IMap<String, Long> leases;
  private final IMap<String, String> tokens;
  private final TokenMapStore tokenRecords;
  private final Map<String, Study> studyCache = new ConcurrentHashMap<>();
  private final Map<String, View> views = new ConcurrentHashMap<>();
  private boolean fed; // guarded by this: the trial map's events feed the views

  private HazelcastStudyStore(
      HazelcastInstance hz, Database db, JdbcRecords records, TokenMapStore tokenRecords) {
    this.hz = hz;
    this.tokenRecords = tokenRecords;
    this.db = db;
    this.records = records;
    this.studies = hz.getMap("studies");
    this.trials = hz.getMap("trials");
    this.numbers = hz.getMap("numbers");
    this.leases = hz.getMap("leases");
    this.tokens = hz.getMap("tokens");
    studies.size(); // waits for the eager load of studies
    hz.getCluster()
        .addMembershipListener(
            new MembershipAdapter() {
              @Override
              public void memberAdded(MembershipEvent e) {
                // not on Hazelcast's event thread: registering a listener waits on the cluster
                Thread.ofVirtual().start(HazelcastStudyStore.this::feedViewsFromOtherMembers);
              }
            });
    if (clusterSize() > 1) {
      feedViewsFromOtherMembers();
    }
    studies.addEntryListener(
        (EntryRemovedListener<String, String>)
            e -> {
              studyCache.remove(e.getKey());
              views.remove(e.getKey());
            },
        false);
  }

  /** Starts a member joining {@code settings}' cluster, durable in {@code db}. */
  public static HazelcastStudyStore start(MemberSettings settings, Database db) {
    JdbcRecords records = new JdbcRecords(db);
    TokenMapStore tokens = new TokenMapStore(records, new RecordSeal(records.secret("tokens")));
    return new HazelcastStudyStore(
        Hazelcast.newHazelcastInstance(config(settings, records, tokens)), db, records, tokens);
  }

  /**
   * The member's Hazelcast configuration: a member endpoint only (no client endpoint: Hazelcast
   * clients cannot connect), bound to the given address; TCP join to the listed members, no
   * multicast, no phone-home; maps written through to the database.
   */
  static Config config(MemberSettings settings, JdbcRecords records, TokenMapStore tokens) {
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

  /** The database this member writes through to. */
  public Database database() {
    return db;
  }

  public HazelcastInstance hazelcast() {
    return hz;
  }

  /** The address of this member, as other members reach it. */
  public String member() {
    var a = hz.getCluster().getLocalMember().getAddress();
    return a.getHost() + ":" + a.getPort();
  }

  public int clusterSize() {
    return hz.getCluster().getMembers().size();
  }

  @Override
  public boolean createStudy(Study study) {
    String text = StudyJson.encode(study);
    String before = studies.putIfAbsent(study.id(), text);
    // Hazelcast retries an operation whose answer was lost (a member suspected during the call):
    // the retry then finds our own study, which is a creation, not a clash
    boolean created = before == null || before.equals(text);
    if (created) {
      studyCache.put(study.id(), study);
    }
    return created;
  }

  @Override
  public Optional<Study> study(String id) {
    Study cached = studyCache.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    String text = studies.get(id);
    if (text == null) {
      return Optional.empty();
    }
    Study s = StudyJson.decode(text);
    studyCache.put(id, s);
    return Optional.of(s);
  }

  @Override
  public List<Study> studies() {
    List<Study> out = new ArrayList<>();
    for (var e : studies.entrySet()) {
      out.add(studyCache.computeIfAbsent(e.getKey(), k -> StudyJson.decode(e.getValue())));
    }
    out.sort(Comparator.comparing(Study::created).thenComparing(Study::id));
    return out;
  }

  @Override
  public boolean deleteStudy(String id) {
    if (study(id).isEmpty()) {
      return false;
    }
    Integer n = numbers.get(id);
    for (int i = 0; n != null && i < n; i++) {
      String key = TrialKey.of(id, i);
      trials.evict(key);
      leases.delete(key);
    }
    numbers.evict(id);
    studies.delete(id); // the map store deletes the study and its trial rows
    studyCache.remove(id);
    views.remove(id);
    return true;
  }

  @Override
  public int nextNumber(String study, int limit) {
    return numbers.executeOnKey(study, new NextNumber(limit));
  }

  @Override
  public Optional<Trial> trial(String study, int number) {
    String text = trials.get(TrialKey.of(study, number));
    return text == null ? Optional.empty() : Optional.of(TrialJson.decode(text));
  }

  @Override
  public Optional<Trial> recent(String study, int number) {
    Trial seen = view(study).table.get(number);
    return seen != null ? Optional.of(seen) : trial(study, number);
  }

  @Override
  public List<Trial> trials(String study) {
    return view(study).table.all();
  }

  @Override
  public List<Trial> waiting(String study) {
    return view(study).table.waiting();
  }

  @Override
  public List<Trial> running(String study, String worker) {
    return view(study).table.running(worker);
  }

  @Override
  public List<Trial> running(String study) {
    return view(study).table.running();
  }

  /** Writes the new trial to the database, then to the map: its number is its own. */
  @Override
  public void insert(String study, Trial trial) {
    String text = TrialJson.encode(trial);
    write(study, trial, text);
    trials.set(TrialKey.of(study, trial.number()), text);
    merge(study, trial, text);
  }

  /**
   * Takes the transition in the map (the compare and set decides between members), then writes it
   * to the database before returning; if the database refuses it, the map is set back.
   */
  @Override
  public boolean replace(String study, Trial expected, Trial next) {
    String nextText = TrialJson.encode(next);
    String key = TrialKey.of(study, next.number());
    String expectedText = textOf(study, expected);
    if (!trials.replace(key, expectedText, nextText)) {
      return false;
    }
    try {
      write(study, next, nextText);
    } catch (RuntimeException e) {
      try {
        trials.replace(key, nextText, expectedText);
      } catch (RuntimeException setBack) {
        e.addSuppressed(setBack);
      }
      throw e;
    }
    merge(study, next, nextText);
    return true;
  }

  @Override
  public void confirm(String study, Trial trial) {
    write(study, trial, textOf(study, trial));
  }

  /** Writes {@code trial}, stored as {@code text}, to the database; committed when this returns. */
  private void write(String study, Trial trial, String text) {
    records.putTrial(study, trial.number(), trial.state().name(), text);
  }

  /**
   * The stored text of {@code trial}: the one this member saw, if it is that version, or encoded.
   */
  private String textOf(String study, Trial trial) {
    View v = views.get(study);
    String seen = v == null ? null : v.table.textOf(trial);
    return seen != null ? seen : TrialJson.encode(trial);
  }

  @Override
  public void renewLease(String study, int number, Instant expiry, Duration length) {
    leases.set(
        TrialKey.of(study, number),
        expiry.toEpochMilli(),
        Math.max(1, length.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<Instant> renewedLease(String study, int number) {
    Long ms = leases.get(TrialKey.of(study, number));
    return ms == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
  }

  /**
   * The studies whose map entry this member owns, found through the database rather than the map: a
   * member lost before its partitions had backups takes entries with it, and a study missing from
   * the map would otherwise be swept by no member (its entry is read back when asked for).
   */
  @Override
  public Set<String> studiesToSweep() {
    Set<String> mine = new HashSet<>();
    var partitions = hz.getPartitionService();
    for (String id : records.studyIds()) {
      var owner = partitions.getPartition(id).getOwner();
      if (owner != null && owner.localMember()) {
        mine.add(id);
      }
    }
    return mine;
  }

  @Override
  public void putToken(TokenRecord token) {
    tokens.set(token.hash(), tokenRecords.encode(token));
  }

  @Override
  public Optional<TokenRecord> token(String hash) {
    String value = tokens.get(hash);
    return value == null ? Optional.empty() : Optional.ofNullable(tokenRecords.decode(hash, value));
  }

  @Override
  public List<TokenRecord> tokens() {
    return records.tokens();
  }

  @Override
  public boolean deleteToken(String hash) {
    return tokens.remove(hash) != null;
  }

  @Override
  public void close() {
    hz.shutdown();
    db.close();
  }

  /**
   * Starts feeding the views with the trial map's events, once the cluster has a second member (a
   * lone member's views already see every write: it makes them all). The views built before are
   * dropped and rebuilt from the map on next use, in case the newcomer wrote before the listener
   * was in place.
   */
  private synchronized void feedViewsFromOtherMembers() {
    if (!fed) {
      trials.addEntryListener(new ViewFeed(), true);
      fed = true;
      views.clear();
    }
  }

  private View view(String study) {
    View v = views.get(study);
    if (v == null) {
      View fresh = new View();
      v = views.putIfAbsent(study, fresh);
      if (v == null) {
        v = fresh;
        try {
          load(study, fresh);
        } catch (RuntimeException e) {
          views.remove(study, fresh); // the next caller loads again
          throw e;
        } finally {
          fresh.ready.countDown();
        }
      }
    }
    try {
      v.ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading study " + study, e);
    }
    return v;
  }

  private void load(String study, View view) {
    Integer n = numbers.get(study);
    Set<String> keys = new HashSet<>();
    for (int i = 0; n != null && i < n; i++) {
      keys.add(TrialKey.of(study, i));
    }
    trials.getAll(keys).forEach((k, text) -> view.table.advance(TrialJson.decode(text), text));
  }

  private void merge(String study, Trial trial, String text) {
    View v = views.get(study);
    if (v != null) {
      v.table.advance(trial, text);
    }
  }

  /** The trials of one study as this member knows them; the most advanced version wins. */
  private static final class View {
    final TrialTable table = new TrialTable();
    final CountDownLatch ready = new CountDownLatch(1);
  }

  /** Feeds map events of every member into the local views. */
  private final class ViewFeed
      implements EntryAddedListener<String, String>,
          EntryUpdatedListener<String, String>,
          EntryRemovedListener<String, String> {

    @Override
    public void entryAdded(EntryEvent<String, String> e) {
      apply(e.getKey(), e.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> e) {
      apply(e.getKey(), e.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> e) {
      TrialKey k = TrialKey.parse(e.getKey());
      View v = views.get(k.study());
      if (v != null) {
        v.table.remove(k.number());
      }
    }

    private void apply(String key, String value) {
      TrialKey k = TrialKey.parse(key);
      View v = views.get(k.study());
      // This member's own writes come back as events too: known texts need no decoding.
      if (v != null && value != null && !value.equals(v.table.text(k.number()))) {
        v.table.advance(TrialJson.decode(value), value);
      }
    }
  }
}
