package org.hpofarm.master.store;

/**
 * The key of a trial in the cluster's maps: {@code number@study}. Hazelcast places a string key
 * {@code a@b} by {@code b}, so all trials of a study live in one partition.
 */
record TrialKey(String study, int number) {

  static String of(String study, int number) {
    return number + "@" + study;
  }

  static TrialKey parse(String key) {
    int at = key.indexOf('@');
    return new TrialKey(key.substring(at + 1), Integer.parseInt(key.substring(0, at)));
  }

  String text() {
    return of(study, number);
  }
}
