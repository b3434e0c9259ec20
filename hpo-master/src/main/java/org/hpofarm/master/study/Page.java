package org.hpofarm.master.study;

import java.util.List;

/** One page of a longer list, with the length of the whole list. */
public record Page<T>(List<T> items, int total) {
  public Page {
    items = List.copyOf(items);
  }
}
