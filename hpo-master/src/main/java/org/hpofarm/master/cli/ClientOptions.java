package org.hpofarm.master.cli;

import java.io.IOException;
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

  @Option(names = "--master", description = "master URL (default ${DEFAULT-VALUE})")
  String master = "http://127.0.0.1:8080";

  @Option(
      names = "--token-file",
      description = "file holding the API token (default ${DEFAULT-VALUE})")
  Path tokenFile = Path.of("farm-data", "admin.token");

  /** An answer: status and body. */
  record Answer(int status, String body) {}

  Answer send(String method, String path, String body) throws IOException, InterruptedException {
    String token = Files.readString(tokenFile).strip();
    var request =
        HttpRequest.newBuilder(URI.create(master.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    }
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
