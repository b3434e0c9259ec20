package org.hpofarm.master.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.hpofarm.master.store.StudyStore;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;

/**
 * The leases of running trials: a trial holds its params for {@link #of} (three heartbeats) from
 * when it started or was last renewed (report, heartbeat, a repeated ask); an expired one is {@code
 * lost} and its params go back to the queue while retries remain. Renewals live in the cluster's
 * memory only, so a full restart gives running trials a fresh lease ({@link #restore}).
 */
public final class Leases {

  private final StudyStore store;
  private final InstantSource clock;

  Leases(StudyStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Renews trial {@code number}'s lease from now. */
  void renew(Study study, int number) {
    Duration lease = of(study.spec());
    store.renewLease(study.id(), number, clock.instant().plus(lease), lease);
  }

  /**
   * Fails the RUNNING trials whose lease expired ({@code lost}) and enqueues their params again
   * while retries remain; in a cluster, the trials of the studies this member sweeps. A trial's
   * lease runs for {@link #of} from when it started, or from its last renewal (report, heartbeat, a
   * repeated ask). Returns how many trials were lost.
   */
  public int expire() {
    Instant now = clock.instant();
    int lost = 0;
    for (String studyId : store.studiesToSweep()) {
      Optional<Study> study = store.study(studyId);
      if (study.isEmpty()) {
        continue;
      }
      Duration lease = of(study.get().spec());
      for (Trial t : store.running(studyId)) {
        if (!t.started().plus(lease).isBefore(now)
            || store.renewedLease(studyId, t.number()).filter(now::isBefore).isPresent()) {
          continue;
        }
        if (store.replace(studyId, t, t.fail("lost", now))) { // else it moved on meanwhile
          lost++;
          if (t.attempt() < study.get().spec().maxRetries()) {
            int number = store.nextNumber(studyId, 0);
            store.insert(studyId, t.requeue(number, t.attempt() + 1, now));
          }
        }
      }
    }
    return lost;
  }

  /**
   * Renews the lease of every RUNNING trial that has no renewal (renewals live in memory only:
   * after a full restart, running trials get a full lease from now). Returns how many were renewed.
   */
  public int restore() {
    Instant now = clock.instant();
    int given = 0;
    for (Study study : store.studies()) {
      Duration lease = of(study.spec());
      for (Trial t : store.running(study.id())) {
        if (store.renewedLease(study.id(), t.number()).isEmpty()) {
          store.renewLease(study.id(), t.number(), now.plus(lease), lease);
          given++;
        }
      }
    }
    return given;
  }

  /** The lease length of a study's trials: three heartbeats. */
  public static Duration of(StudySpec spec) {
    return Duration.ofSeconds(3L * spec.heartbeatSeconds());
  }
}
