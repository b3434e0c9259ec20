package org.hpofarm.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.UUID;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.MemberSettings;

/** A master on loopback for tests, with a small HTTP client speaking to it. */
public final class MasterFixture implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();
  public final Path dataDir;
  public final MasterServer server;
  public final String base;
  public final String adminToken;
  private final boolean ownsDataDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public MasterFixture(InstantSource clock, ApiSettings api) throws IOException {
    this(clock, api, org.hpofarm.master.farm.FarmSettings.defaults());
  }

  public MasterFixture(
      InstantSource clock, ApiSettings api, org.hpofarm.master.farm.FarmSettings farm)
      throws IOException {
    this(clock, api, farm, Files.createTempDirectory("farm-master"), true);
  }

  /**
   * A master on {@code dataDir}, which the caller keeps: a second one on the same directory is the
   * first restarted.
   */
  public MasterFixture(
      InstantSource clock, ApiSettings api, org.hpofarm.master.farm.FarmSettings farm, Path dataDir)
      throws IOException {
    this(clock, api, farm, dataDir, false);
  }

  private MasterFixture(
      InstantSource clock,
      ApiSettings api,
      org.hpofarm.master.farm.FarmSettings farm,
      Path dataDir,
      boolean ownsDataDir)
      throws IOException {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.server =
        MasterServer.start(
            new MasterSettings(
                dataDir,
                null,
                MemberSettings.loopback("test-" + UUID.randomUUID(), FreePort.pick()),
                api,
                4,
                farm),
            clock);
    this.base = "http://127.0.0.1:" + server.port();
    this.adminToken = Files.readString(server.adminTokenFile()).strip();
  }

  public static ApiSettings loopback() {
    return new ApiSettings("127.0.0.1", FreePort.pick(), 64 * 1024, 1000, 400);
  }

  /** An answer: status and body text. */
  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public Answer call(String method, String path, String token, String body) {
    try {
      var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer get(String path, String token) {
    return call("GET", path, token, null);
  }

  public Answer post(String path, String token, String body) {
    return call("POST", path, token, body);
  }

  /** Stops the master and deletes the data directory it made for itself. */
  @Override
  public void close() {
    server.close();
    if (ownsDataDir) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
