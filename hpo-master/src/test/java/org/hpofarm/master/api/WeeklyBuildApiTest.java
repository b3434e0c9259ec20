package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.testing.ManualClock;
import org.hpofarm.weekly.WeeklyBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly build through the master's HTTP API: registrations, signed webhook deliveries, a
 * master restarted between a push and the window's start, and a campaign whose reservation preempts
 * another study's trial on a simulated farm. Repositories are real Git repositories made in a
 * temporary directory and fetched through {@code file://} URLs.
 */
class WeeklyBuildApiTest {

  private static final String SECRET = "It's a Secret to Everybody";

  /** Thursday 3 December 2026, 12:00 UTC: the week before the window of 2026-W49. */
  private static final Instant THURSDAY = Instant.parse("2026-12-03T12:00:00Z");

  /** Friday 4 December 2026, 20:00:01 in Rome: the window FRI 20:00 - MON 06:00 is open. */
  private static final Instant WINDOW = Instant.parse("2026-12-04T19:00:01Z");

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path tmp;

  private Git repository(String campaignFile) throws Exception {
    Git git = Git.init().setDirectory(tmp.resolve("repo").toFile()).setInitialBranch("main").call();
    commit(git, "hpo/campaign.json", campaignFile, "campaign");
    return git;
  }

  private static String commit(Git git, String path, String text, String message) throws Exception {
    Path file = git.getRepository().getWorkTree().toPath().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    git.add().addFilepattern(".").call();
    return git.commit()
        .setMessage(message)
        .setAuthor("ada", "ada@example.org")
        .setCommitter("ada", "ada@example.org")
        .setSign(false)
        .call()
        .getName();
  }

  private String registration(double share) {
    return "{\"name\": \"calo\", \"url\": \""
        + tmp.resolve("repo").toUri()
        + "\", \"branch\": \"main\", \"secret\": \""
        + SECRET
        + "\", \"paths\": [\"models/**\", \"hpo/**\", \"!**/*.md\"], \"campaignFile\":"
        + " \"hpo/campaign.json\", \"window\": {\"start\": \"FRI 20:00\", \"end\": \"MON 06:00\","
        + " \"zone\": \"Europe/Rome\"}, \"share\": "
        + share
        + "}";
  }

  private static String djlStudy(String name, int epochs, int maxTrials) {
    return "{\"name\": \""
        + name
        + "\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-3, \"high\": 1e-2, \"log\":"
        + " true}}, \"maxTrials\": "
        + maxTrials
        + ", \"maxRetries\": 0, \"executor\": {\"kind\": \"djl\", \"model\": \"calo.vae\","
        + " \"geometry\": \"small\", \"epochs\": "
        + epochs
        + ", \"showers\": 400}}";
  }

  private HttpResponse<String> hook(MasterFixture m, String delivery, byte[] body, String secret)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(m.base + "/hooks/github"))
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", delivery)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      b.header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private byte[] push() {
    return ("{\"ref\": \"refs/heads/main\", \"repository\": {\"clone_url\": \""
            + tmp.resolve("repo").toUri()
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void registrationsAreAnAdminsCheckedFieldByFieldAndKeptWithoutShowingTheSecret()
      throws Exception {
    repository(djlStudy("calo", 1, 1)).close();
    try (MasterFixture m = new MasterFixture(new ManualClock(THURSDAY), MasterFixture.loopback())) {
      String alice =
          m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"alice\"}")
              .json()
              .get("token")
              .asText();
      var bad = m.post("/api/v1/repositories", m.adminToken, registration(2));
      assertEquals(400, bad.status(), bad.body());
      assertTrue(bad.json().get("message").asText().startsWith("share"), bad.body());
      assertEquals(403, m.post("/api/v1/repositories", alice, registration(0.25)).status());

      var made = m.post("/api/v1/repositories", m.adminToken, registration(0.25));
      assertEquals(201, made.status(), made.body());
      assertTrue(made.json().get("secret").asBoolean(), made.body());
      assertFalse(made.body().contains(SECRET), made.body());
      assertEquals(409, m.post("/api/v1/repositories", m.adminToken, registration(0.25)).status());

      var changed =
          m.call(
              "PUT",
              "/api/v1/repositories/calo",
              m.adminToken,
              registration(0.5).replace("\"secret\": \"" + SECRET + "\", ", ""));
      assertEquals(200, changed.status(), changed.body());
      assertEquals(0.5, changed.json().get("share").asDouble());
      assertTrue(changed.json().get("secret").asBoolean(), "the secret is kept: " + changed.body());
      JsonNode list = m.get("/api/v1/repositories", m.adminToken).json();
      assertEquals(1, list.get("repositories").size(), list.toString());

      assertEquals(204, m.call("DELETE", "/api/v1/repositories/calo", m.adminToken, null).status());
      assertEquals(404, m.get("/api/v1/repositories/calo", m.adminToken).status());
    }
  }

  @Test
  void aPushSignedRightIsTakenOnceAndAMasterRestartedBeforeTheWindowLosesNothing()
      throws Exception {
    Git git = repository(djlStudy("calo", 1, 3));
    Path data = tmp.resolve("master");
    Files.createDirectories(data);
    ManualClock clock = new ManualClock(THURSDAY);
    String delivery = UUID.randomUUID().toString();
    try (MasterFixture m =
        new MasterFixture(clock, MasterFixture.loopback(), FarmSettings.defaults(), data)) {
      assertEquals(201, m.post("/api/v1/repositories", m.adminToken, registration(0.25)).status());
      commit(git, "models/vae.py", "layers = 3\n", "deeper");

      byte[] body = push();
      var unsigned = hook(m, delivery, body, null);
      assertEquals(401, unsigned.statusCode(), unsigned.body());
      var wrong = hook(m, delivery, body, "not the secret");
      assertEquals(401, wrong.statusCode(), wrong.body());
      var taken = hook(m, delivery, body, SECRET);
      assertEquals(202, taken.statusCode(), taken.body());
      assertTrue(taken.body().contains("accepted"), taken.body());
      assertTrue(hook(m, delivery, body, SECRET).body().contains("repeat"));

      byte[] huge = new byte[WeeklyBuild.MAX_BODY + 1];
      assertEquals(413, hook(m, UUID.randomUUID().toString(), huge, SECRET).statusCode());
      m.server.weeklyBuild().tick(); // Thursday: no window, no campaign
      assertEquals(0, m.get("/api/v1/campaigns", m.adminToken).json().get("campaigns").size());
    }
    clock.set(WINDOW);
    try (MasterFixture m =
        new MasterFixture(clock, MasterFixture.loopback(), FarmSettings.defaults(), data)) {
      assertTrue(hook(m, delivery, push(), SECRET).body().contains("repeat"), "kept on disk");
      m.server.weeklyBuild().tick();
      var answer = m.get("/api/v1/campaigns", m.adminToken);
      assertEquals(200, answer.status(), answer.body());
      JsonNode campaigns = answer.json().get("campaigns");
      assertEquals(1, campaigns.size(), campaigns.toString());
      JsonNode c = campaigns.get(0);
      assertEquals("RUNNING", c.get("state").asText(), c.toString());
      assertEquals("2026-W49", c.get("week").asText());
      assertTrue(c.get("relevant").toString().contains("models/vae.py"), c.toString());
      JsonNode study = m.get("/api/v1/studies/" + c.get("study").asText(), m.adminToken).json();
      assertEquals("calo 2026-W49", study.get("name").asText(), study.toString());
      assertEquals(
          "2026-12-07T05:00:00Z",
          study.at("/spec/executor/until").asText(study.at("/executor/until").asText()),
          study.toString());
      JsonNode farm = m.get("/api/v1/farm", m.adminToken).json();
      assertEquals(1, farm.get("reservations").size(), farm.toString());

      clock.set(Instant.parse("2026-12-07T05:00:00Z")); // Monday 06:00 in Rome
      m.server.weeklyBuild().tick();
      c = m.get("/api/v1/campaigns", m.adminToken).json().get("campaigns").get(0);
      assertEquals("CLOSED", c.get("state").asText(), c.toString());
      farm = m.get("/api/v1/farm", m.adminToken).json();
      assertEquals(0, farm.get("reservations").size(), farm.toString());
    }
    git.close();
  }

  @Test
  void aCampaignsReservationPreemptsAnotherStudysTrialWhichLaterFinishes() throws Exception {
    repository(djlStudy("calo", 2, 1)).close();
    ManualClock clock = new ManualClock(THURSDAY);
    try (MasterFixture m =
        new MasterFixture(
            clock,
            MasterFixture.loopback(),
            FarmSettings.defaults().simulating("cpu:1:2").pacing(2, Duration.ofMillis(200)))) {
      var made = m.post("/api/v1/studies", m.adminToken, djlStudy("borrower", 12, 2));
      assertEquals(201, made.status(), made.body());
      String borrower = made.json().get("id").asText();
      awaitTrue(() -> running(m, borrower) == 2, "the borrower fills both slots");

      assertEquals(201, m.post("/api/v1/repositories", m.adminToken, registration(0.5)).status());
      var forced = m.post("/api/v1/repositories/calo/campaigns", m.adminToken, "{\"force\": true}");
      assertEquals(201, forced.status(), forced.body());
      String campaign = forced.json().get("study").asText();

      assertTrue(m.server.simulatedAgent().awaitIdle(Duration.ofSeconds(240)), "never idle");
      JsonNode trials =
          m.get("/api/v1/studies/" + borrower + "/trials?limit=100", m.adminToken).json();
      int preempted = 0;
      int complete = 0;
      for (JsonNode t : trials.get("trials")) {
        preempted += t.get("error").asText("").equals("preempted") ? 1 : 0;
        complete += t.get("state").asText().equals("COMPLETE") ? 1 : 0;
      }
      assertEquals(1, preempted, trials.toString());
      assertEquals(2, complete, "the preempted trial ran again and finished: " + trials);
      JsonNode own = m.get("/api/v1/studies/" + campaign + "/trials", m.adminToken).json();
      assertEquals("COMPLETE", own.at("/trials/0/state").asText(), own.toString());
      JsonNode c = m.get("/api/v1/campaigns", m.adminToken).json().at("/campaigns/0");
      assertEquals(1, c.at("/summary/trials").asInt(), c.toString());
      // the test's clock stands still, so the trials took no slice-time by it
      assertEquals(0.0, c.at("/summary/sliceHours").asDouble(), c.toString());
    }
  }

  private static int running(MasterFixture m, String study) {
    return m.get("/api/v1/studies/" + study, m.adminToken).json().at("/counts/RUNNING").asInt();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(100);
    }
  }
}
