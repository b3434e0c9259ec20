package org.hpofarm.weekly.repository;

import java.util.List;

/**
 * What changed in a repository between two commits, as the weekly build weighs it.
 *
 * @param from the last campaign's commit, or null when there was none
 * @param to the branch head
 * @param paths the changed paths (commits marked {@value Mirror#SKIP} left out)
 * @param commits the commits counted
 * @param skipped how many of them were marked {@value Mirror#SKIP}
 */
public record Changes(String from, String to, List<String> paths, int commits, int skipped) {
  public Changes {
    paths = List.copyOf(paths);
  }
}
