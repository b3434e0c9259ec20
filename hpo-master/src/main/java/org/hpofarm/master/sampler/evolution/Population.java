package org.hpofarm.master.sampler.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.ParetoFront;
import org.hpofarm.master.trial.Trial;

/**
 * The parents of the next trial: the {@code size} best completed trials of a history by
 * non-dominated rank, then crowding distance (NSGA-II's elitist environmental selection), each with
 * the rank and crowding that tournaments compare.
 */
final class Population {

  /** A parent: a completed trial, its front (0 best) and its crowding distance in that front. */
  record Member(Trial trial, int rank, double crowding) {}

  private final List<Member> members;

  private Population(List<Member> members) {
    this.members = List.copyOf(members);
  }

  List<Member> members() {
    return members;
  }

  int size() {
    return members.size();
  }

  /**
   * The elite of {@code history}: completed trials whose every objective is finite, cut to {@code
   * size} by fronts and, within the front that overflows, by decreasing crowding distance (ties by
   * trial number, so the choice is deterministic).
   */
  static Population select(History history, int size) {
    List<Trial> candidates = new ArrayList<>();
    List<double[]> losses = new ArrayList<>();
    int objectives = history.directions().size();
    for (Trial t : history.completed()) {
      if (t.values().size() != objectives) {
        continue;
      }
      double[] l = history.losses(t);
      if (Arrays.stream(l).allMatch(Double::isFinite)) {
        candidates.add(t);
        losses.add(l);
      }
    }
    List<int[]> fronts = ParetoFront.sort(losses, size);
    List<Member> chosen = new ArrayList<>();
    for (int rank = 0; rank < fronts.size() && chosen.size() < size; rank++) {
      int[] front = fronts.get(rank);
      double[] crowding = ParetoFront.crowding(losses, front);
      Integer[] order = new Integer[front.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            int c = Double.compare(crowding[b], crowding[a]);
            return c != 0 ? c : Integer.compare(front[a], front[b]);
          });
      for (int k = 0; k < order.length && chosen.size() < size; k++) {
        chosen.add(new Member(candidates.get(front[order[k]]), rank, crowding[order[k]]));
      }
    }
    return new Population(chosen);
  }

  /**
   * The winner of a tournament among {@code k} members drawn at random: lowest rank, then largest
   * crowding distance (Deb's crowded-comparison operator).
   */
  Member tournament(int k, RandomGenerator rng) {
    Member best = members.get(rng.nextInt(members.size()));
    for (int i = 1; i < k; i++) {
      Member other = members.get(rng.nextInt(members.size()));
      if (other.rank() < best.rank()
          || (other.rank() == best.rank() && other.crowding() > best.crowding())) {
        best = other;
      }
    }
    return best;
  }
}
