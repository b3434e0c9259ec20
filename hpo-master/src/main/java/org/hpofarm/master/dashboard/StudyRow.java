package org.hpofarm.master.dashboard;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.core.History;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * A study as the studies page lists it.
 *
 * @param executor the executor's kind ({@code djl}, {@code command}) or {@code external}
 * @param counts trials per state
 * @param best the best value of the first objective, null before a trial completes
 * @param directions the study's directions
 */
public record StudyRow(
    String id,
    String name,
    String owner,
    String sampler,
    String executor,
    Map<TrialState, Integer> counts,
    int trials,
    Double best,
    List<String> directions,
    String created) {

  static StudyRow of(Study study, List<Trial> trials) {
    Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    for (TrialState s : TrialState.values()) {
      counts.put(s, 0);
    }
    trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    History history = new History(study.spec().directions(), trials);
    Double best = null;
    double sign = study.spec().directions().get(0).sign();
    for (Trial t : history.completed()) {
      double v = t.value();
      if (Double.isFinite(v) && (best == null || sign * v < sign * best)) {
        best = v;
      }
    }
    var executor = study.spec().executor();
    return new StudyRow(
        study.id(),
        study.spec().name(),
        study.owner(),
        study.spec().sampler().type(),
        executor == null ? "external" : executor.path("kind").asText(),
        counts,
        trials.size(),
        best,
        study.spec().directions().stream().map(d -> d.wire()).toList(),
        study.created().toString());
  }
}
