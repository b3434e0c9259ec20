package org.hpofarm.master.store;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;

/**
 * A member's local views of the trials of the studies it serves, one {@link TrialTable} per study,
 * so that a sampler's history, the waiting trials and a worker's running trials cost no cluster
 * round trip.
 *
 * <p>A view is loaded from the cluster's trial map on first use and then fed by the member's own
 * writes ({@link #merge}) and, once the cluster has more than one member, by the trial map's events
 * from every member; the most advanced version of a trial wins. When a member leaves, every view is
 * loaded again: a member that fails just after a write can take the write's event with it, while
 * the write itself lives on in its backup, so a view would miss a trial the map holds (a trial no
 * sweep would find and no repeated ask would hand back). Samplers tolerate a view a few
 * milliseconds stale; transitions always compare and set against the map itself.
 */
final class TrialViews {

  private final IMap<String, String> trials;
  private final IMap<String, Integer> numbers;
  private final Map<String, View> views = new ConcurrentHashMap<>();
  private boolean fed; // guarded by this: the trial map's events feed the views

  /** Views of the trials in {@code trials}, whose keys run up to the study's next number. */
  TrialViews(IMap<String, String> trials, IMap<String, Integer> numbers) {
    this.trials = trials;
    this.numbers = numbers;
  }

  /**
   * Keeps the views fed with the other members' writes once {@code member}'s cluster has any, and
   * rebuilds them when a member leaves.
   */
  void follow(ClusterMember member) {
    member.whenMembershipChanges(this::feedFromOtherMembers, views::clear);
    if (member.clusterSize() > 1) {
      feedFromOtherMembers();
    }
  }

  /** The view of {@code study}, loaded from the map if this member has none yet. */
  TrialTable of(String study) {
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
    return v.table;
  }

  /** Adds this member's own write of {@code trial}, stored as {@code text}, to a view it has. */
  void merge(String study, Trial trial, String text) {
    View v = views.get(study);
    if (v != null) {
      v.table.advance(trial, text);
    }
  }

  /** The stored text of {@code trial} if this member's view holds that very version, else null. */
  String seenText(String study, Trial trial) {
    View v = views.get(study);
    return v == null ? null : v.table.textOf(trial);
  }

  /** Forgets the view of a study that is gone. */
  void drop(String study) {
    views.remove(study);
  }

  /**
   * Starts feeding the views with the trial map's events, once the cluster has a second member (a
   * lone member's views already see every write: it makes them all). The views built before are
   * dropped and rebuilt from the map on next use, in case the newcomer wrote before the listener
   * was in place.
   */
  private synchronized void feedFromOtherMembers() {
    if (!fed) {
      trials.addEntryListener(new Feed(), true);
      fed = true;
      views.clear();
    }
  }

  private void load(String study, View view) {
    Integer n = numbers.get(study);
    Set<String> keys = new HashSet<>();
    for (int i = 0; n != null && i < n; i++) {
      keys.add(TrialKey.of(study, i));
    }
    trials.getAll(keys).forEach((k, text) -> view.table.advance(TrialJson.decode(text), text));
  }

  /** The trials of one study as this member knows them, ready once loaded. */
  private static final class View {
    final TrialTable table = new TrialTable();
    final CountDownLatch ready = new CountDownLatch(1);
  }

  /** Feeds map events of every member into the local views. */
  private final class Feed
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
