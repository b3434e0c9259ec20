package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.worker.agent.MasterTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master serving HTTPS with a self-signed certificate made by openssl in the test. */
class TlsTest {

  @Test
  void theMasterServesHttpsAndItsOwnAgentTrustsItsCertificate(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(openssl.getInputStream().readAllBytes());
    assertEquals(0, openssl.waitFor(), said);
    int port = FreePort.pick();
    ApiSettings api =
        new ApiSettings("127.0.0.1", port, 64 * 1024, 1000, 400, new ApiSettings.Tls(cert, key));
    try (MasterServer server =
        MasterServer.start(
            new MasterSettings(
                Files.createDirectories(dir.resolve("data")),
                null,
                MemberSettings.loopback("tls-" + UUID.randomUUID(), FreePort.pick()),
                api,
                2,
                FarmSettings.defaults().simulating("cpu:1:1").pacing(1, Duration.ofMillis(200))),
            InstantSource.system())) {
      String admin = Files.readString(server.adminTokenFile()).strip();
      HttpRequest farm =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/farm"))
              .header("Authorization", "Bearer " + admin)
              .build();
      try (HttpClient trusting = MasterTrust.client(cert)) {
        HttpResponse<String> answer = trusting.send(farm, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Instant deadline = Instant.now().plusSeconds(20);
        while (!answer.body().contains("\"simulated\"") && Instant.now().isBefore(deadline)) {
          Thread.sleep(200);
          answer = trusting.send(farm, HttpResponse.BodyHandlers.ofString());
        }
        assertTrue(
            answer.body().contains("\"id\":\"simulated\""),
            "the in-master agent leased over HTTPS: " + answer.body());
      }
      try (HttpClient untrusting = MasterTrust.client(null)) {
        assertThrows(
            IOException.class,
            () -> untrusting.send(farm, HttpResponse.BodyHandlers.ofString()),
            "a self-signed certificate is not trusted without --ca-cert");
      }
      try (HttpClient plain = MasterTrust.client(null)) {
        HttpRequest http =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        assertThrows(
            IOException.class,
            () -> plain.send(http, HttpResponse.BodyHandlers.ofString()),
            "no plain HTTP on a TLS port");
      }
    }
  }
}
