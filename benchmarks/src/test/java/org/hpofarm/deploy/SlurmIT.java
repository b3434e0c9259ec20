package org.hpofarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.api.ApiSettings;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.api.MasterSettings;
import org.hpofarm.master.store.MemberSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm deployment for real: {@code deploy/slurm/farm-agent.sbatch} submitted with {@code
 * sbatch} to a one-node Slurm cluster starts an agent that runs a user's {@code command} and {@code
 * djl} trials to COMPLETE; {@code scancel} stops it. Needs root and Debian's slurm-wlm and munge
 * ({@code .ci/run} installs them).
 */
class SlurmIT {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anSbatchAgentRunsCommandAndDjlTrialsAndScancelStopsIt(@TempDir Path dir) throws Exception {
    assumeTrue(
        ProcessHandle.current().info().user().orElse("").equals("root"),
        "a Slurm cluster of its own needs root");
    String why = SingleNodeSlurm.unavailable();
    if (why != null) {
      fail(why);
    }
    int port = freePort();
    try (MasterServer master =
            MasterServer.start(
                new MasterSettings(
                    dir.resolve("master"),
                    null,
                    MemberSettings.loopback("slurm-" + port, freePort()),
                    new ApiSettings("0.0.0.0", port, ApiSettings.DEFAULT_BODY_LIMIT, 1e6, 2e6),
                    8),
                InstantSource.system());
        SingleNodeSlurm slurm = SingleNodeSlurm.start(dir.resolve("slurm"))) {
      String base = "http://127.0.0.1:" + port;
      String admin = Files.readString(master.adminTokenFile()).strip();
      String alice =
          post(base, admin, "/api/v1/tokens", "{\"user\": \"alice\", \"mayRunCommands\": true}")
              .get("token")
              .asText();
      String agentToken =
          post(
                  base,
                  admin,
                  "/api/v1/tokens",
                  "{\"agent\": \"slurm-node\", \"serves\": [\"alice\"]}")
              .get("token")
              .asText();
      Path tokenFile = dir.resolve("agent.token");
      Files.writeString(tokenFile, agentToken);
      Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
      String command =
          post(
                  base,
                  alice,
                  "/api/v1/studies",
                  "{\"name\": \"cmd\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                      + " \"high\": 1}}, \"maxTrials\": 3, \"executor\": {\"kind\": \"command\","
                      + " \"command\": \"echo '{\\\"value\\\": 0.5}'\"}}")
              .get("id")
              .asText();
      String djl =
          post(
                  base,
                  alice,
                  "/api/v1/studies",
                  "{\"name\": \"calo\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-3,"
                      + " \"high\": 1e-2, \"log\": true}}, \"maxTrials\": 2, \"executor\":"
                      + " {\"kind\": \"djl\", \"geometry\": \"small\", \"epochs\": 2,"
                      + " \"showers\": 400}}")
              .get("id")
              .asText();
      String job =
          slurm
              .run(
                  "sbatch",
                  "--parsable",
                  "--output=" + dir.resolve("agent-%j.log"),
                  "--export=ALL,FARM_MASTER="
                      + base
                      + ",FARM_TOKEN_FILE="
                      + tokenFile
                      + ",FARM="
                      + ROOT.resolve("farm")
                      + ",FARM_AGENT_ID=slurm-node,FARM_SLICES=--cpu-slots 2,FARM_SCRATCH="
                      + dir.resolve("scratch"),
                  ROOT.resolve("deploy/slurm/farm-agent.sbatch").toString())
              .strip();
      Path log = dir.resolve("agent-" + job + ".log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!(finished(base, alice, command, 3) && finished(base, alice, djl, 2))) {
        if (System.nanoTime() > deadline) {
          fail("trials not finished; job " + slurm.jobState(job) + "\n" + read(log));
        }
        String state = slurm.jobState(job);
        assertTrue(
            state.equals("RUNNING") || state.equals("PENDING"),
            () -> "the agent's job is " + state + ":\n" + read(log));
        Thread.sleep(500);
      }
      for (String study : new String[] {command, djl}) {
        for (JsonNode t : get(base, alice, "/api/v1/studies/" + study + "/trials").get("trials")) {
          assertEquals("COMPLETE", t.get("state").asText(), t.toString());
          assertTrue(t.get("worker").asText().startsWith("slurm-node:"), t.toString());
        }
      }
      slurm.run("scancel", job);
      long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!slurm.jobState(job).isEmpty()) {
        if (System.nanoTime() > stop) {
          fail("the job did not end after scancel: " + slurm.jobState(job) + "\n" + read(log));
        }
        Thread.sleep(200);
      }
      assertTrue(read(log).contains("agent "), read(log));
    }
  }

  private boolean finished(String base, String token, String study, int trials) throws Exception {
    JsonNode counts = get(base, token, "/api/v1/studies/" + study).get("counts");
    return counts.get("COMPLETE").asInt() + counts.get("FAILED").asInt() == trials;
  }

  private JsonNode post(String base, String token, String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        token);
  }

  private JsonNode get(String base, String token, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  private JsonNode send(HttpRequest.Builder request, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            request.header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no job log)";
    } catch (IOException e) {
      return "(unreadable job log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
