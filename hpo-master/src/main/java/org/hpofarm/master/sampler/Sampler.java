package org.hpofarm.master.sampler;

import java.util.Map;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.SearchSpace;

/**
 * A sampler decides the parameters of the next trial. It is a pure policy: the same space, history
 * and seed give the same proposal, and it does no I/O.
 *
 * <p>The history holds pending trials (WAITING and RUNNING) as well as finished ones: a sampler
 * must use them so that many simultaneous asks do not propose the same point.
 */
public interface Sampler {

  /**
   * Proposes the params of trial {@code seed.number()}: a value for every active parameter of
   * {@code space} and nothing else.
   */
  Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed);

  /**
   * False for a sampler whose proposals do not depend on the history: it is given an empty one,
   * which spares copying a long history on every ask.
   */
  default boolean readsHistory() {
    return true;
  }
}
