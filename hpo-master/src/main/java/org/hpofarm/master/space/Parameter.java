package org.hpofarm.master.space;

import java.util.List;
import java.util.Map;

/**
 * A named parameter of a search space: its distribution and, when conditional, the values of parent
 * parameters under which it is present ({@code when}: parent name to allowed values).
 */
public record Parameter(String name, Distribution distribution, Map<String, List<Object>> when) {

  public Parameter {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a parameter needs a name");
    }
    when = when == null ? Map.of() : Map.copyOf(when);
  }

  public Parameter(String name, Distribution distribution) {
    this(name, distribution, Map.of());
  }

  public boolean isConditional() {
    return !when.isEmpty();
  }
}
