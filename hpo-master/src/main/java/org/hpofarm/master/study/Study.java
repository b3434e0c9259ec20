package org.hpofarm.master.study;

import java.time.Instant;

/**
 * A study as the master keeps it: its id, the user who owns it, what was asked for, and when.
 *
 * @param owner the user whose token created the study
 */
public record Study(String id, String owner, StudySpec spec, Instant created) {

  public Study {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id: must be non-empty");
    }
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner: must be non-empty");
    }
  }
}
