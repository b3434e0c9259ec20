package org.hpofarm.master.store;

/**
 * The key of a trial in the cluster's maps: {@code study/number}. The trials of a study spread over
 * all partitions, so one busy study does not queue on one partition thread.
 */
record TrialKey(String study, int number) {

  static String of(String study, int number) {
    return study + "/" + number;
  }

  static TrialKey parse(String key) {
    int slash = key.lastIndexOf('/');
    return new TrialKey(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)));
  }
}
