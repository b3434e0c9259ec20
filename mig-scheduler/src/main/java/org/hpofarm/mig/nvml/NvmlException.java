package org.hpofarm.mig.nvml;

/** A failed NVML call: the function, its {@code nvmlReturn_t} code and NVML's error string. */
public final class NvmlException extends RuntimeException {
  private final String function;
  private final int code;

  public NvmlException(String function, int code, String nvmlMessage) {
    super(function + " failed: " + nvmlMessage + " (nvmlReturn_t " + code + ")");
    this.function = function;
    this.code = code;
  }

  /** The NVML function that failed. */
  public String function() {
    return function;
  }

  /** The {@code nvmlReturn_t} code (see {@link NvmlReturn}). */
  public int code() {
    return code;
  }
}
