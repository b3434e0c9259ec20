package org.hpofarm.mig.allocation;

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
    double bestReserved = 0;
    double bestUser = 0;
    double bestStudy = 0;
    double bestUsed = 0;
    java.time.Instant now = farm.now();
    List<Reservation> reservations = farm.reservations();
    for (SliceRequest r : pending) {
      double reserved = 0;
      for (Reservation res : reservations) {
        if (res.study().equals(r.study())
            && res.activeAt(now)
            && farm.held(r.study()) < res.slices()) {
          reserved = -1;
        }
      }
      double user = farm.heldByUser(r.user()) / userWeights.getOrDefault(r.user(), 1.0);
      double weight = studyWeights.getOrDefault(r.study(), 1.0);
      double study = farm.held(r.study()) / weight;
      if (best == null
          || reserved < bestReserved
          || (reserved == bestReserved
              && (user < bestUser
                  || (user == bestUser
                      && (study < bestStudy
                          || (study == bestStudy
                              && farm.usedSeconds(r.study()) / weight < bestUsed)))))) {
        best = r;
        bestReserved = reserved;
        bestUser = user;
        bestStudy = study;
        bestUsed = farm.usedSeconds(r.study()) / weight;
      }
    }
    return Optional.ofNullable(best);
  }
}
