package org.hpofarm.mig.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weighted fair share between users, and between the studies of a user: the next request is the one
 * whose user, then whose study, holds the fewest slices per unit of weight.
 *
 * @param userWeights weight per user (default 1)
 * @param studyWeights weight per study (default 1)
 */
public record FairShare(Map<String, Double> userWeights, Map<String, Double> studyWeights) {

  /*
   * Hierarchical max-min fairness on the instantaneous allocation, as in the fair-share trees of
   * batch schedulers (Slurm's fair tree; Kay & Lauder 1988 "A fair share scheduler"), with the
   * dominant resource being slices (Ghodsi et al. 2011, DRF, reduces to this with one resource).
   * Ties go to the study that has used fewer slice-seconds, then to the older request, so that
   * equal studies alternate and their slice-hours stay equal over a burst. A study holding less
   * than an active reservation promises it comes before everyone.
   */

  public FairShare {
    userWeights = Map.copyOf(userWeights);
    studyWeights = Map.copyOf(studyWeights);
    userWeights.forEach((k, v) -> check("fairShare.userWeights." + k, v));
    studyWeights.forEach((k, v) -> check("fairShare.studyWeights." + k, v));
  }

  /** Everyone weighs the same. */
  public static FairShare equal() {
    return new FairShare(Map.of(), Map.of());
  }

  private static void check(String field, double weight) {
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(field + ": must be a positive number, got " + weight);
    }
  }

  /** The request to serve next among {@code pending}. */
  public Optional<SliceRequest> next(List<SliceRequest> pending, FarmView farm) {
    SliceRequest best = null;
    double[] bestKey = null;
    for (SliceRequest r : pending) {
      double[] key = key(r, farm);
      if (best == null || less(key, bestKey)) {
        best = r;
        bestKey = key;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The pending requests in the order fair share would serve them. */
  public List<SliceRequest> order(List<SliceRequest> pending, FarmView farm) {
    List<double[]> keys = new ArrayList<>(pending.size());
    List<Integer> index = new ArrayList<>(pending.size());
    for (int i = 0; i < pending.size(); i++) {
      keys.add(key(pending.get(i), farm));
      index.add(i);
    }
    index.sort(
        (a, b) ->
            less(keys.get(a), keys.get(b))
                ? -1
                : less(keys.get(b), keys.get(a)) ? 1 : Integer.compare(a, b));
    return index.stream().map(pending::get).toList();
  }

  /** (owed a reservation ? 0 : 1, user share, study share, study slice-seconds per weight). */
  private double[] key(SliceRequest r, FarmView farm) {
    Instant now = farm.now();
    int held = farm.held(r.study());
    double owed = 1;
    for (Reservation res : farm.reservations()) {
      if (res.study().equals(r.study()) && res.activeAt(now) && held < res.slices()) {
        owed = 0;
      }
    }
    double weight = studyWeights.getOrDefault(r.study(), 1.0);
    return new double[] {
      owed,
      farm.heldByUser(r.user()) / userWeights.getOrDefault(r.user(), 1.0),
      held / weight,
      farm.usedSeconds(r.study()) / weight
    };
  }

  private static boolean less(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return a[i] < b[i];
      }
    }
    return false; // equal: the older request (earlier in the list) keeps its turn
  }
}
