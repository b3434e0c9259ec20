package org.hpofarm.master.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.master.farm.SliceDemand;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.weekly.campaign.Studies;
import org.hpofarm.worker.runner.Outcome;

/**
 * What a weekly-build campaign asks of the master, done with the study and farm services: its study
 * created (checked like a study posted to the API), its share of the farm reserved, warm start from
 * the previous campaign's best trials, and at the window's end the reservation ended and its
 * running trials stopped (told preempted, so each resumes its checkpoint if the study runs again;
 * the agents stop them at their next heartbeat or report).
 */
public final class CampaignStudies implements Studies {

  private static final int PAGE = 1000;

  private final StudyService studies;
  private final FarmService farm;

  public CampaignStudies(StudyService studies, FarmService farm) {
    this.studies = studies;
    this.farm = farm;
  }

  @Override
  public String create(ObjectNode spec, String owner) {
    StudySpec parsed = StudySpec.fromJson(spec);
    if (parsed.executor() != null) {
      SliceDemand.of(parsed.executor());
    }
    return studies.create(owner, parsed).id();
  }

  @Override
  public void reserve(String study, double share, Instant from, Instant until) {
    farm.reserve(study, share, from, until);
  }

  @Override
  public List<Map<String, Object>> best(String study, int k) {
    if (studies.find(study).isEmpty()) {
      return List.of();
    }
    double sign = studies.study(study).spec().directions().get(0).sign();
    return all(study, TrialState.COMPLETE).stream()
        .filter(t -> !t.values().isEmpty() && Double.isFinite(t.values().get(0)))
        .sorted(Comparator.comparingDouble(t -> sign * t.values().get(0)))
        .limit(k)
        .map(Trial::params)
        .toList();
  }

  @Override
  public boolean enqueue(String study, Map<String, Object> params) {
    try {
      studies.enqueue(study, params);
      return true;
    } catch (IllegalArgumentException outsideTheSpace) {
      return false;
    }
  }

  @Override
  public void close(String study) {
    farm.endReservation(study);
    if (studies.find(study).isEmpty()) {
      return;
    }
    for (Trial t : all(study, TrialState.RUNNING)) {
      try {
        studies.tell(study, t.number(), new Outcome.Preempted());
      } catch (RuntimeException finishedMeanwhile) {
        // told by its agent in the meantime: nothing to stop
      }
    }
  }

  @Override
  public Summary summary(String study) {
    if (studies.find(study).isEmpty()) {
      return new Summary(Double.NaN, true, 0, 0);
    }
    var spec = studies.study(study).spec();
    List<Trial> trials = all(study, null);
    int workers = spec.executor() == null ? 1 : SliceDemand.of(spec.executor()).workers();
    double sliceSeconds = 0;
    int finished = 0;
    for (Trial t : trials) {
      if (t.state().isFinished()) {
        finished++;
        if (t.started() != null && t.finished() != null) {
          sliceSeconds += workers * Duration.between(t.started(), t.finished()).toMillis() / 1e3;
        }
      }
    }
    List<Trial> best = studies.best(study);
    double value = best.isEmpty() ? Double.NaN : best.get(0).values().get(0);
    boolean minimize = spec.directions().get(0) == Direction.MINIMIZE;
    return new Summary(value, minimize, finished, sliceSeconds / 3600);
  }

  /** Every trial of the study in {@code state} (any state when null), page by page. */
  private List<Trial> all(String study, TrialState state) {
    List<Trial> out = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      var page = studies.trials(study, state, offset, PAGE);
      out.addAll(page.items());
      if (page.items().size() < PAGE) {
        return out;
      }
    }
  }
}
