package org.hpofarm.master.api;

import java.nio.file.Path;

/**
 * The HTTP side of a master: address and port, request body limit, the per-token rate limit
 * (requests per second, with a burst), and TLS.
 *
 * @param tls the certificate and key to serve HTTPS with, or null for plain HTTP
 */
public record ApiSettings(
    String host, int port, int bodyLimitBytes, double ratePerSecond, double rateBurst, Tls tls) {

  /** A PEM certificate (chain) and its PEM private key. */
  public record Tls(Path cert, Path key) {}

  public static final int DEFAULT_BODY_LIMIT = 1 << 20;

  public ApiSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be in [0, 65535], got " + port);
    }
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("body-limit: at least 1024 bytes, got " + bodyLimitBytes);
    }
  }

  /** Plain HTTP. */
  public ApiSettings(
      String host, int port, int bodyLimitBytes, double ratePerSecond, double rateBurst) {
    this(host, port, bodyLimitBytes, ratePerSecond, rateBurst, null);
  }

  public static ApiSettings of(String host, int port) {
    return new ApiSettings(host, port, DEFAULT_BODY_LIMIT, 20_000, 40_000);
  }

  /** The scheme clients use: {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return tls == null ? "http" : "https";
  }
}
