package org.hpofarm.master.study;

/** Thrown when a study id names no study (or none the caller may see). */
public final class StudyNotFound extends RuntimeException {
  public StudyNotFound(String id) {
    super("study '" + id + "' not found");
  }
}
