package org.hpofarm.master.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hpofarm.master.auth.TokenStore;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;

/**
 * The master's state: studies, their trials, the lease renewals of running trials, and tokens. The
 * contract (every implementation, checked by {@code StudyStoreContract}):
 *
 * <ul>
 *   <li>Trial records are values: a stored trial changes only by {@link #replace}, a compare and
 *       set against the version the caller read, so two members never both win a transition.
 *   <li>{@link #nextNumber} never hands out a number that a stored trial carries or that another
 *       caller is still storing, also after a restart on the same durable data.
 *   <li>A call that returned has made its change durable (write-through), where the store is
 *       durable at all.
 *   <li>Thread-safe.
 * </ul>
 */
public interface StudyStore extends TokenStore, AutoCloseable {

  /** Stores a new study; false (and nothing changes) when a study with its id exists. */
  boolean createStudy(Study study);

  Optional<Study> study(String id);

  /** Every study, oldest first. */
  List<Study> studies();

  /** Removes a study, its trials and lease renewals; false when there was none. */
  boolean deleteStudy(String id);

  /**
   * Allocates the study's next trial number; -1 when {@code limit > 0} and {@code limit} numbers
   * are already allocated. A clustered store may hand out again a number below {@code limit} that
   * was allocated to a member which left, or failed to store its trial, before storing it.
   */
  int nextNumber(String study, int limit);

  Optional<Trial> trial(String study, int number);

  /**
   * The trial as this member last saw it: no cluster round trip, but possibly a moment behind the
   * cluster, so a {@link #replace} against it may fail where {@link #trial} would not.
   */
  default Optional<Trial> recent(String study, int number) {
    return trial(study, number);
  }

  /** The study's trials in number order: a snapshot that later changes do not alter. */
  List<Trial> trials(String study);

  /** The study's WAITING trials in number order. */
  List<Trial> waiting(String study);

  /** The study's RUNNING trials handed to {@code worker}, in number order. */
  List<Trial> running(String study, String worker);

  /** The study's RUNNING trials, in number order. */
  List<Trial> running(String study);

  /** Stores a trial under a number just allocated by {@link #nextNumber}. */
  void insert(String study, Trial trial);

  /**
   * Replaces {@code expected} by {@code next} if the stored trial still equals {@code expected}.
   */
  boolean replace(String study, Trial expected, Trial next);

  /**
   * Makes sure {@code trial}, as found stored, is durable: a member that failed between taking a
   * transition and writing it to the database may have left it in the cluster's memory alone. For
   * the repeat of a tell, before it is answered as done.
   */
  void confirm(String study, Trial trial);

  /**
   * Renews the lease of a RUNNING trial until {@code expiry}. A trial's first lease needs no call:
   * it runs for {@code length} from when the trial started (see {@link
   * org.hpofarm.master.service.Leases#expire}). The renewal is kept for {@code length} of real
   * time, after which it has expired anyway.
   */
  void renewLease(String study, int number, Instant expiry, Duration length);

  /** The trial's last lease renewal, while it is kept. */
  Optional<Instant> renewedLease(String study, int number);

  /**
   * The studies whose RUNNING trials this member checks for lost leases: in a cluster, each study
   * is checked by exactly one member (the owner of its entry).
   */
  Set<String> studiesToSweep();

  @Override
  void close();
}
