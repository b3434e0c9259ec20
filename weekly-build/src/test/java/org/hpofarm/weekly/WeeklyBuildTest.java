package org.hpofarm.weekly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpofarm.testing.ManualClock;
import org.hpofarm.weekly.campaign.Campaign;
import org.hpofarm.weekly.campaign.Studies;
import org.hpofarm.weekly.repository.GitRepo;
import org.hpofarm.weekly.repository.RepositorySpec;
import org.hpofarm.weekly.webhook.Signatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly build over whole weeks of a clock moved by hand, on a real repository made in a
 * temporary directory: both 2026 daylight-saving weekends, relevant and irrelevant changes, {@code
 * [skip hpo]}, a broken campaign file, a forced campaign and a restart.
 */
class WeeklyBuildTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "a-webhook-secret-0123";
  private static final String CAMPAIGN =
      "{\"name\": \"calo\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}},"
          + " \"executor\": {\"kind\": \"command\", \"command\": \"python3 train.py\"}}";

  /** A master's studies as the weekly build sees them: what was asked, remembered. */
  static final class FakeStudies implements Studies {
    final List<ObjectNode> created = new ArrayList<>();
    final List<String> reserved = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final List<String> enqueued = new ArrayList<>();

    @Override
    public String create(ObjectNode spec, String owner) {
      if (!spec.has("space")) {
        throw new IllegalArgumentException("space: missing");
      }
      created.add(spec);
      return "study-" + created.size();
    }

    @Override
    public void reserve(String study, double share, Instant from, Instant until) {
      reserved.add(study + " " + share + " " + from + " " + until);
    }

    @Override
    public List<Map<String, Object>> best(String study, int k) {
      return List.of(Map.of("x", 0.25), Map.of("x", 7.0));
    }

    @Override
    public boolean enqueue(String study, Map<String, Object> params) {
      double x = ((Number) params.get("x")).doubleValue();
      if (x > 1) {
        return false; // outside the space
      }
      enqueued.add(study + " " + params);
      return true;
    }

    @Override
    public void close(String study) {
      closed.add(study);
    }

    @Override
    public Summary summary(String study) {
      return new Summary(study.equals("study-1") ? 0.5 : 0.4, true, 10, 2.5);
    }
  }

  private static Instant rome(String local) {
    return ZonedDateTime.parse(local + "[Europe/Rome]").toInstant();
  }

  private static RepositorySpec spec(GitRepo origin) throws Exception {
    return RepositorySpec.fromJson(
        JSON.readTree(
            "{\"name\": \"calo\", \"url\": \""
                + origin.url()
                + "\", \"secret\": \""
                + SECRET
                + "\", \"paths\": [\"models/**\", \"hpo/**\"]}"),
        "alice");
  }

  @Test
  void campaignsOpenAtTheWindowWhenRelevantPathsChangedAndCloseAtItsEnd(@TempDir Path dir)
      throws Exception {
    ManualClock clock = new ManualClock(rome("2026-03-25T12:00:00+01:00"));
    MemoryWeeklyStore store = new MemoryWeeklyStore();
    FakeStudies studies = new FakeStudies();
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        WeeklyBuild build = new WeeklyBuild(store, studies, dir.resolve("data"), clock)) {
      String first = origin.commit("campaign", "hpo/campaign.json", CAMPAIGN);
      build.register(spec(origin));

      build.tick();
      assertEquals(List.of(), store.campaigns(), "no window on a Wednesday");

      // 2026-03-27 is the Friday before Europe's spring-forward night (29 March)
      clock.set(rome("2026-03-27T20:00:00+01:00"));
      build.tick();
      Campaign w13 = store.campaigns().get(0);
      assertEquals("2026-W13", w13.week());
      assertEquals(Campaign.State.RUNNING, w13.state());
      assertNull(w13.from());
      assertEquals(first, w13.to());
      assertEquals(List.of("hpo/campaign.json"), w13.relevant());
      assertEquals("calo 2026-W13", studies.created.get(0).get("name").asText());
      Path workdir = Path.of(studies.created.get(0).at("/executor/workdir").asText());
      assertTrue(Files.exists(workdir.resolve("hpo/campaign.json")), "runs in a checkout");
      assertEquals(
          "study-1 0.25 2026-03-27T19:00:00Z 2026-03-30T04:00:00Z",
          studies.reserved.get(0),
          "Friday 20:00 CET to Monday 06:00 CEST: 57 hours");
      build.tick();
      assertEquals(1, store.campaigns().size(), "one per week");

      clock.set(rome("2026-03-30T06:00:00+02:00"));
      build.tick();
      assertEquals(Campaign.State.CLOSED, store.campaigns().get(0).state());
      assertEquals(List.of("study-1"), studies.closed);

      // week 14: only an irrelevant change; week 15: a relevant one marked [skip hpo]
      origin.commit("docs", "README.md", "hello");
      clock.set(rome("2026-04-03T20:00:00+02:00"));
      build.tick();
      origin.commit("tweak [skip hpo]", "models/vae.py", "x = 0");
      clock.set(rome("2026-04-10T20:00:00+02:00"));
      build.tick();
      assertEquals(1, store.campaigns().size(), "no campaign for irrelevant or skipped changes");

      // week 16: a relevant change; the campaign starts from the last one's commit and best trials
      String change = origin.commit("new model", "models/gan.py", "y = 1");
      clock.set(rome("2026-04-17T21:30:00+02:00"));
      build.tick();
      Campaign w16 = store.campaigns().get(1);
      assertEquals("2026-W16", w16.week());
      assertEquals(first, w16.from());
      assertEquals(change, w16.to());
      assertEquals(List.of("models/gan.py"), w16.relevant(), "the [skip hpo] change left out");
      assertEquals(List.of("study-2 {x=0.25}"), studies.enqueued, "warm start, in its space");
      var listed = build.campaigns();
      assertEquals("2026-W16", listed.get(0).get("week").asText(), "newest first");
      assertEquals(0.1, listed.get(0).get("improvement").asDouble(), 1e-12);
      assertEquals("2026-W13", listed.get(0).at("/previous/week").asText());
    }
  }

  @Test
  void theAutumnWindowIsAnHourLongerAndABrokenCampaignFileFailsWithoutAStudy(@TempDir Path dir)
      throws Exception {
    ManualClock clock = new ManualClock(rome("2026-10-23T19:00:00+02:00"));
    MemoryWeeklyStore store = new MemoryWeeklyStore();
    FakeStudies studies = new FakeStudies();
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        WeeklyBuild build = new WeeklyBuild(store, studies, dir.resolve("data"), clock)) {
      origin.commit("campaign", "hpo/campaign.json", "{\"name\": \"calo\", \"space\": ");
      build.register(spec(origin));
      clock.advance(Duration.ofHours(1));
      build.tick();
      Campaign failed = store.campaigns().get(0);
      assertEquals(Campaign.State.FAILED, failed.state());
      assertEquals("campaignFile: not valid JSON (hpo/campaign.json)", failed.error());
      assertNull(failed.study());
      assertEquals(List.of(), studies.created);
      assertEquals(rome("2026-10-26T06:00:00+01:00"), failed.until(), "59 hours");

      origin.commit("fixed", "hpo/campaign.json", "{\"name\": \"calo\"}");
      clock.set(rome("2026-10-30T20:00:00+01:00"));
      build.tick();
      Campaign invalid = store.campaigns().get(1);
      assertEquals(Campaign.State.FAILED, invalid.state(), "the master refuses the study");
      assertEquals("space: missing", invalid.error());
    }
  }

  /** The branch head in the build's mirror of {@code name}, or null before any fetch. */
  private static String mirrored(Path data, String name) throws Exception {
    Path dir = data.resolve("mirrors").resolve(name + ".git");
    if (!Files.exists(dir)) {
      return null;
    }
    try (var repo =
        new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
            .setGitDir(dir.toFile())
            .setBare()
            .build()) {
      var head = repo.resolve("refs/heads/main");
      return head == null ? null : head.name();
    }
  }

  @Test
  void aPolledRepositoryIsFetchedEveryPeriodWithoutAWebhook(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock(rome("2026-06-10T10:00:00+02:00"));
    Path data = dir.resolve("data");
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        WeeklyBuild build =
            new WeeklyBuild(new MemoryWeeklyStore(), new FakeStudies(), data, clock)) {
      String first = origin.commit("campaign", "hpo/campaign.json", CAMPAIGN);
      ObjectNode polled = (ObjectNode) spec(origin).toStoredJson();
      polled.put("pollMinutes", 30);
      polled.remove("secret");
      build.register(RepositorySpec.fromJson(polled, "alice"));
      build.tick();
      assertEquals(first, mirrored(data, "calo"), "fetched at the first look");
      String second = origin.commit("deeper", "models/vae.py", "layers = 4");
      clock.advance(Duration.ofMinutes(29));
      build.tick();
      assertEquals(first, mirrored(data, "calo"), "not before its period");
      clock.advance(Duration.ofMinutes(1));
      build.tick();
      assertEquals(second, mirrored(data, "calo"), "fetched again after 30 minutes");
    }
  }

  @Test
  void signedDeliveriesAreTakenOnceAndAForcedCampaignStartsNow(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock(rome("2026-06-10T10:00:00+02:00"));
    MemoryWeeklyStore store = new MemoryWeeklyStore();
    FakeStudies studies = new FakeStudies();
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        WeeklyBuild build = new WeeklyBuild(store, studies, dir.resolve("data"), clock)) {
      origin.commit("campaign", "hpo/campaign.json", CAMPAIGN);
      build.register(spec(origin));
      byte[] body =
          ("{\"ref\": \"refs/heads/main\", \"repository\": {\"clone_url\": \""
                  + origin.url()
                  + "\"}}")
              .getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers =
          Map.of(
              "X-GitHub-Event", "push",
              "X-GitHub-Delivery", "d-1",
              "X-Hub-Signature-256", "sha256=" + Signatures.sign(SECRET, body));
      assertEquals(WeeklyBuild.Receipt.ACCEPTED, build.receive("github", null, headers::get, body));
      assertEquals(WeeklyBuild.Receipt.REPEAT, build.receive("github", null, headers::get, body));
      Map<String, String> forged =
          Map.of(
              "X-GitHub-Event",
              "push",
              "X-GitHub-Delivery",
              "d-2",
              "X-Hub-Signature-256",
              "sha256=" + Signatures.sign("not-the-secret-000", body));
      assertThrows(
          WeeklyBuild.Unauthorized.class, () -> build.receive("github", null, forged::get, body));
      assertThrows(
          WeeklyBuild.Unauthorized.class,
          () -> build.receive("github", "calo", Map.<String, String>of()::get, body));

      Campaign now = build.force("calo");
      assertEquals("2026-W24", now.week());
      assertEquals(Campaign.State.RUNNING, now.state());
      assertEquals(rome("2026-06-15T06:00:00+02:00"), now.until(), "until the next window's end");
      assertThrows(WeeklyBuild.CampaignExists.class, () -> build.force("calo"));

      // a master restarted on the same store and data goes on with the same campaigns
      try (WeeklyBuild restarted = new WeeklyBuild(store, studies, dir.resolve("data"), clock)) {
        clock.set(rome("2026-06-15T06:00:00+02:00"));
        restarted.tick();
        assertEquals(Campaign.State.CLOSED, store.campaigns().get(0).state());
        assertEquals(
            WeeklyBuild.Receipt.REPEAT, restarted.receive("github", null, headers::get, body));
      }
    }
  }
}
