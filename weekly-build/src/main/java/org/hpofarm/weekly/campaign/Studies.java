package org.hpofarm.weekly.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a campaign asks of the master, which knows nothing of Git: make its study, reserve its share
 * of the farm for its window, warm-start it, end it, and sum it up for the comparison.
 */
public interface Studies {

  /** Creates a study from {@code spec} (a study body) for {@code owner}; returns its id. */
  String create(ObjectNode spec, String owner);

  /**
   * Holds {@code share} of the farm's slices for {@code study} from {@code from} to {@code until}.
   */
  void reserve(String study, double share, Instant from, Instant until);

  /** The params of the study's best {@code k} trials, best first. */
  List<Map<String, Object>> best(String study, int k);

  /** Enqueues {@code params} in {@code study}; false when its space does not admit them. */
  boolean enqueue(String study, Map<String, Object> params);

  /** Ends the study's campaign: its reservation ends and its running trials are stopped. */
  void close(String study);

  /** The study's figures for the week-over-week comparison. */
  Summary summary(String study);

  /**
   * A study's figures.
   *
   * @param best the best objective value, NaN while none
   * @param minimize whether lower is better
   * @param trials finished trials
   * @param sliceHours slice-hours its trials ran
   */
  record Summary(double best, boolean minimize, int trials, double sliceHours) {}
}
