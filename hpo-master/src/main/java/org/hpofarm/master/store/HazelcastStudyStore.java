package org.hpofarm.master.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryRemovedListener;
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
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.auth.TokenRecord;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyJson;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;

/**
 * The clustered study store: the maps of an embedded Hazelcast member ({@link ClusterMember}) hold
 * the working set, written through to a relational database (H2 or PostgreSQL), so a call that
 * returned is durable.
 *
 * <p>Maps: {@code studies} (id to study JSON, all loaded at start) and {@code tokens}, written
 * through by map stores; {@code trials} ({@code study/number} to trial JSON), loaded by a map
 * loader and written through by this class: a new trial goes to the database, then to the map; a
 * transition is taken in the map by compare and set, then written to the database before the call
 * returns (set back in the map if the database refuses it). Written from the caller's thread,
 * concurrent trial writes share commits ({@link GroupCommit}); through a map store each would hold
 * a Hazelcast thread until its commit, which cost a fifth of the two cores under load. {@code
 * numbers} (study to next trial number, taken by an entry processor and loaded from the highest
 * stored trial); {@code claims} (trial key to the member that took the number and is storing its
 * trial, so that a number whose member left before storing it is taken back rather than lost);
 * {@code leases} (trial key to the expiry of its last renewal, kept for one lease length; not
 * durable: after a full restart running trials get a fresh lease). No CP subsystem: compare-and-set
 * replaces and entry processors give every guarantee the service needs.
 *
 * <p>A study's trials are read from this member's local view ({@link TrialViews}), a few
 * milliseconds stale at worst; transitions always compare and set against the map itself.
 */
public final class HazelcastStudyStore implements StudyStore {

  /**
   * How long a claim on a number lasts: far longer than sampling and storing a trial take, so that
   * only the claim of a member that failed without giving it up runs out while its member lives.
   */
  private static final Duration CLAIM = Duration.ofMinutes(15);

  private final ClusterMember member;
  private final JdbcRecords records;
  private final IMap<String, String> studies;
  private final IMap<String, String> trials;
  private final IMap<String, Integer> numbers;
  private final IMap<String, Long> leases;
  private final IMap<String, String> claims;
  private final String self;
  private final IMap<String, String> tokens;
  private final TokenMapStore tokenRecords;
  private final Map<String, Study> studyCache = new ConcurrentHashMap<>();
  private final TrialViews views;

  private HazelcastStudyStore(ClusterMember member) {
    this.member = member;
    this.records = member.records();
    this.tokenRecords = member.tokenRecords();
    this.studies = member.studies();
    this.trials = member.trials();
    this.numbers = member.numbers();
    this.leases = member.leases();
    this.claims = member.claims();
    this.self = member.id();
    this.tokens = member.tokens();
    this.views = new TrialViews(trials, numbers);
    studies.size(); // waits for the eager load of studies
    views.follow(member);
    studies.addEntryListener(
        (EntryRemovedListener<String, String>)
            e -> {
              studyCache.remove(e.getKey());
              views.drop(e.getKey());
            },
        false);
  }

  /** Starts a member joining {@code settings}' cluster, durable in {@code db}. */
  public static HazelcastStudyStore start(MemberSettings settings, Database db) {
    return new HazelcastStudyStore(ClusterMember.start(settings, db));
  }

  /** The database this member writes through to. */
  public Database database() {
    return member.database();
  }

  /** The embedded Hazelcast member. */
  public HazelcastInstance hazelcast() {
    return member.hazelcast();
  }

  /** The address of this member, as other members reach it. */
  public String member() {
    return member.address();
  }

  /** How many members the cluster has now, this one included. */
  public int clusterSize() {
    return member.clusterSize();
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
    views.drop(id);
    return true;
  }

  /**
   * Takes the study's next number and claims it for this member until its trial is stored. Once
   * {@code limit} numbers are taken, takes back one below the limit that no trial carries and no
   * member holds: a number whose member left the cluster before storing its trial, failed to store
   * it, or that Hazelcast's retry of an operation whose answer was lost skipped. Otherwise every
   * such number would be a trial of the study's budget that never runs.
   */
  @Override
  public int nextNumber(String study, int limit) {
    while (true) {
      int n = numbers.executeOnKey(study, new NextNumber(limit));
      if (n < 0) {
        return takeBack(study, limit);
      }
      if (claim(TrialKey.of(study, n))) {
        return n;
      }
      // a member took this number back in the moment between: it is theirs
    }
  }

  /**
   * A number below {@code limit} (all of them taken) that no trial carries, now claimed; -1 if
   * none.
   */
  private int takeBack(String study, int limit) {
    Set<Integer> stored = new HashSet<>();
    for (Trial t : views.of(study).all()) {
      if (t.number() < limit) {
        stored.add(t.number());
      }
    }
    if (stored.size() == limit) {
      return -1;
    }
    Set<String> members = member.memberIds();
    for (int n = 0; n < limit; n++) {
      String key = TrialKey.of(study, n);
      if (stored.contains(n)) {
        continue;
      }
      String holder = claims.get(key);
      if (holder != null && (members.contains(holder) || !claims.remove(key, holder))) {
        continue; // its member may still store it, or another member is taking it back
      }
      if (!claim(key)) {
        continue;
      }
      String text = trials.get(key); // the map and the database, not just this member's view
      if (text == null) {
        return n;
      }
      views.merge(study, TrialJson.decode(text), text); // stored after all: the view missed it
    }
    return -1;
  }

  /** Claims trial {@code key}'s number for this member; false if another member holds it. */
  private boolean claim(String key) {
    return claims.putIfAbsent(key, self, CLAIM.toMillis(), TimeUnit.MILLISECONDS) == null;
  }

  @Override
  public Optional<Trial> trial(String study, int number) {
    String text = trials.get(TrialKey.of(study, number));
    return text == null ? Optional.empty() : Optional.of(TrialJson.decode(text));
  }

  @Override
  public Optional<Trial> recent(String study, int number) {
    Trial seen = views.of(study).get(number);
    return seen != null ? Optional.of(seen) : trial(study, number);
  }

  @Override
  public List<Trial> trials(String study) {
    return views.of(study).all();
  }

  @Override
  public List<Trial> waiting(String study) {
    return views.of(study).waiting();
  }

  @Override
  public List<Trial> running(String study, String worker) {
    return views.of(study).running(worker);
  }

  @Override
  public List<Trial> running(String study) {
    return views.of(study).running();
  }

  /**
   * Writes the new trial to the database, then to the map: its number is its own. If the database
   * refuses it, the number's claim is given up, for any member to take back.
   */
  @Override
  public void insert(String study, Trial trial) {
    String text = TrialJson.encode(trial);
    String key = TrialKey.of(study, trial.number());
    try {
      write(study, trial, text);
    } catch (RuntimeException e) {
      try {
        claims.remove(key, self);
      } catch (RuntimeException notGivenUp) {
        e.addSuppressed(notGivenUp); // the claim runs out by itself
      }
      throw e;
    }
    trials.set(key, text);
    views.merge(study, trial, text);
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
    views.merge(study, next, nextText);
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
    String seen = views.seenText(study, trial);
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
    for (String id : records.studyIds()) {
      if (member.owns(id)) {
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

  /** What {@link #watchTrials} calls with each change of a trial. */
  public interface TrialChanges {
    /**
     * {@code after} is the trial's new version in {@code study}; {@code before} its previous one,
     * null for a trial just inserted.
     */
    void changed(String study, Trial before, Trial after);
  }

  /**
   * Calls {@code listener} with every trial inserted or changed anywhere in the cluster (on a
   * Hazelcast event thread: it must not block); closing the handle stops the calls.
   */
  public AutoCloseable watchTrials(TrialChanges listener) {
    java.util.UUID id = trials.addEntryListener(new TrialWatch(listener), true);
    return () -> trials.removeEntryListener(id);
  }

  /** Forwards the cluster's trial insertions and updates to a listener. */
  private record TrialWatch(TrialChanges listener)
      implements com.hazelcast.map.listener.EntryAddedListener<String, String>,
          com.hazelcast.map.listener.EntryUpdatedListener<String, String> {

    @Override
    public void entryAdded(com.hazelcast.core.EntryEvent<String, String> e) {
      forward(e);
    }

    @Override
    public void entryUpdated(com.hazelcast.core.EntryEvent<String, String> e) {
      forward(e);
    }

    private void forward(com.hazelcast.core.EntryEvent<String, String> e) {
      if (e.getValue() != null) {
        listener.changed(
            TrialKey.parse(e.getKey()).study(),
            e.getOldValue() == null ? null : TrialJson.decode(e.getOldValue()),
            TrialJson.decode(e.getValue()));
      }
    }
  }

  @Override
  public void close() {
    member.close();
  }
}
