package org.hpofarm.master.api;

/**
 * The HTTP side of a master: address and port, request body limit, and the per-token rate limit
 * (requests per second, with a burst).
 */
public record ApiSettings(
    String host, int port, int bodyLimitBytes, double ratePerSecond, double rateBurst) {

  public static final int DEFAULT_BODY_LIMIT = 1 << 20;

  public ApiSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be in [0, 65535], got " + port);
    }
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("body-limit: at least 1024 bytes, got " + bodyLimitBytes);
    }
  }

  public static ApiSettings of(String host, int port) {
    return new ApiSettings(host, port, DEFAULT_BODY_LIMIT, 20_000, 40_000);
  }
}
