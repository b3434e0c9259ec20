package org.hpofarm.master.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a client command finds its master and its token; sends requests and prints answers. */
final class ClientOptions {

  /** The token variable read when no {@code --token-file} is given. */
  static final String TOKEN_VARIABLE = "FARM_TOKEN";

  @Option(names = "--master", description = "master URL (default ${DEFAULT-VALUE})")
  String master = "http://127.0.0.1:8080";

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "file holding your API token (default: $" + TOKEN_VARIABLE + ")")
  Path tokenFile;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = "PEM certificates to trust for an https master (default: the JVM's)")
  Path caCert;

  /** An answer: status and body. */
  record Answer(int status, String body) {}

  /**
   * Sends a request with the token of {@code --token-file}, else of {@code $FARM_TOKEN}, else of
   * {@code fallback} (null: none, and the command says how to give one).
   */
  Answer send(String method, String path, String body, Path fallback)
      throws IOException, InterruptedException {
    URI uri = URI.create(master.replaceAll("/+$", "") + path);
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token(fallback))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try (HttpClient http = org.hpofarm.worker.agent.MasterTrust.client(caCert)) {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (ConnectException e) {
      throw new IllegalStateException(
          "no master answers at "
              + master
              + " (start one with ./farm master, or give --master URL)",
          e);
    }
  }

  private String token(Path fallback) throws IOException {
    if (tokenFile != null) {
      return Files.readString(tokenFile).strip();
    }
    String variable = System.getenv(TOKEN_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return variable.strip();
    }
    if (fallback != null && Files.isReadable(fallback)) {
      return Files.readString(fallback).strip();
    }
    throw new IllegalArgumentException(
        "no token: give --token-file FILE or set "
            + TOKEN_VARIABLE
            + (fallback == null
                ? " (an admin makes one with ./farm token create USER --out FILE)"
                : " (or run where the master's " + fallback + " is)"));
  }

  /** Prints the answer (stdout when 2xx, stderr otherwise) and returns an exit code. */
  static int print(Answer a) {
    if (a.status() / 100 == 2) {
      System.out.println(a.body());
      return 0;
    }
    System.err.println("HTTP " + a.status() + ": " + a.body());
    return 1;
  }
}
