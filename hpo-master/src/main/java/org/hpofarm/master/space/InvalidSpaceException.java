package org.hpofarm.master.space;

/** A search space, or a point of one, that is not valid; names the offending parameter. */
public final class InvalidSpaceException extends IllegalArgumentException {
  private final String parameter;

  public InvalidSpaceException(String parameter, String message) {
    super("space." + parameter + ": " + message);
    this.parameter = parameter;
  }

  /** The name of the parameter at fault. */
  public String parameter() {
    return parameter;
  }
}
