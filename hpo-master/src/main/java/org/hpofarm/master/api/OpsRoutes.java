package org.hpofarm.master.api;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Operations routes: health, the OpenAPI document and the version. */
final class OpsRoutes {

  static final String VERSION = "0.1.0";
  private final Supplier<String> member;
  private final IntSupplier clusterSize;
  private final BooleanSupplier storeUp;
  private final byte[] openapi;

  OpsRoutes(Supplier<String> member, IntSupplier clusterSize, BooleanSupplier storeUp) {
    this.member = member;
    this.clusterSize = clusterSize;
    this.storeUp = storeUp;
    this.openapi = openApiDocument();
  }

  static byte[] openApiDocument() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code GET /health}: 200 {@code up}, or 503 {@code degraded} while the database does not answer
   * (the master answers, but nothing can be stored).
   */
  void health(RoutingContext ctx) {
    boolean up = storeUp.getAsBoolean();
    Bodies.send(
        ctx,
        up ? 200 : 503,
        Bodies.JSON
            .createObjectNode()
            .put("status", up ? "up" : "degraded")
            .put("database", up ? "up" : "unreachable")
            .put("member", member.get())
            .put("clusterSize", clusterSize.getAsInt()));
  }

  void openapi(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(io.vertx.core.buffer.Buffer.buffer(openapi));
  }

  void version(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(VERSION);
  }
}
