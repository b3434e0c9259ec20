package org.hpofarm.mig.nvml;

/**
 * The {@code nvmlReturn_t} codes of {@code nvml.h} that the binding tells apart.
 *
 * <p>Codes not listed here still reach the caller through {@link NvmlException#code()} with NVML's
 * own error string.
 */
public final class NvmlReturn {
  public static final int SUCCESS = 0;
  public static final int ERROR_UNINITIALIZED = 1;
  public static final int ERROR_INVALID_ARGUMENT = 2;
  public static final int ERROR_NOT_SUPPORTED = 3;
  public static final int ERROR_NO_PERMISSION = 4;
  public static final int ERROR_ALREADY_INITIALIZED = 5;
  public static final int ERROR_NOT_FOUND = 6;
  public static final int ERROR_INSUFFICIENT_SIZE = 7;
  public static final int ERROR_DRIVER_NOT_LOADED = 9;
  public static final int ERROR_LIBRARY_NOT_FOUND = 12;
  public static final int ERROR_FUNCTION_NOT_FOUND = 13;
  public static final int ERROR_GPU_IS_LOST = 15;
  public static final int ERROR_IN_USE = 19;
  public static final int ERROR_INSUFFICIENT_RESOURCES = 23;
  public static final int ERROR_ARGUMENT_VERSION_MISMATCH = 25;
  public static final int ERROR_UNKNOWN = 999;

  private NvmlReturn() {}
}
