package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract over real HTTP on loopback: the happy path and every 4xx case. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
  static final String SPEC =
      "{\"name\": \"demo\", \"direction\": \"minimize\", \"space\": {"
          + "\"lr\": {\"type\": \"float\", \"low\": 1e-5, \"high\": 1e-1, \"log\": true},"
          + "\"layers\": {\"type\": \"int\", \"low\": 1, \"high\": 6}}, \"maxTrials\": 20,"
          + " \"heartbeatSeconds\": 10}";

  private final ManualClock clock = new ManualClock();
  private MasterFixture m;
  private String alice;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    m = new MasterFixture(clock, MasterFixture.loopback());
    alice = token("alice");
    bob = token("bob");
  }

  @AfterAll
  void stop() {
    m.close();
  }

  @BeforeEach
  void refill() {
    clock.advance(Duration.ofSeconds(5)); // rate-limit buckets refill with time
  }

  private String token(String user) {
    var a = m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"" + user + "\", \"days\": 30}");
    assertEquals(201, a.status(), a.body());
    return a.json().get("token").asText();
  }

  /** A token of a user who may create command studies. */
  private String commander(String user) {
    var a =
        m.post(
            "/api/v1/tokens",
            m.adminToken,
            "{\"user\": \"" + user + "\", \"days\": 1, \"mayRunCommands\": true}");
    assertEquals(201, a.status(), a.body());
    return a.json().get("token").asText();
  }

  private String createStudy(String token) {
    var a = m.post("/api/v1/studies", token, SPEC);
    assertEquals(201, a.status(), a.body());
    return a.json().get("id").asText();
  }

  private static void assertError(int status, String fieldInMessage, MasterFixture.Answer a) {
    assertEquals(status, a.status(), a.body());
    JsonNode j = a.json();
    assertTrue(j.hasNonNull("error"), a.body());
    assertTrue(
        j.get("message").asText().contains(fieldInMessage),
        () -> a.body() + " should name " + fieldInMessage);
    assertFalse(a.body().contains("\tat "), "no stack trace");
  }

  @Test
  void adminTokenFileIsOwnerOnly() throws Exception {
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(m.server.adminTokenFile())));
  }

  @Test
  void opsRoutesNeedNoToken() {
    var h = m.get("/health", null);
    assertEquals(200, h.status());
    assertEquals("up", h.json().get("status").asText());
    assertEquals(1, h.json().get("clusterSize").asInt());
    var metrics = m.get("/metrics", null);
    assertEquals(200, metrics.status());
    assertTrue(metrics.body().contains("vertx_"), "prometheus text");
    assertEquals("3.1.0", m.get("/api/v1/openapi.json", null).json().get("openapi").asText());
  }

  @Test
  void everyRouteIsInTheOpenApiDocument() {
    JsonNode paths = m.get("/api/v1/openapi.json", null).json().get("paths");
    Set<String> documented = new HashSet<>();
    paths
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> documented.add(method.toUpperCase() + " " + e.getKey())));
    assertFalse(m.server.routes().isEmpty());
    for (String route : m.server.routes()) {
      assertTrue(documented.contains(route), route + " missing from openapi.json");
    }
  }

  @Test
  void aStudyFromAskToTell() {
    String id = createStudy(alice);
    var ask = m.post("/api/v1/studies/" + id + "/ask", alice, "{\"count\": 2, \"worker\": \"w1\"}");
    assertEquals(200, ask.status(), ask.body());
    JsonNode trials = ask.json().get("trials");
    assertEquals(2, trials.size());
    int n = trials.get(0).get("number").asInt();
    String t = "/api/v1/studies/" + id + "/trials/" + n;
    var report = m.post(t + "/report", alice, "{\"step\": 1, \"value\": 0.5}");
    assertEquals(200, report.status(), report.body());
    assertFalse(report.json().get("prune").asBoolean());
    assertEquals(204, m.post(t + "/heartbeat", alice, null).status());
    var tell = m.post(t + "/tell", alice, "{\"value\": 0.25}");
    assertEquals(200, tell.status(), tell.body());
    assertEquals("COMPLETE", tell.json().get("state").asText());
    assertEquals(200, m.post(t + "/tell", alice, "{\"value\": 0.25}").status(), "repeat is fine");
    var enq =
        m.post(
            "/api/v1/studies/" + id + "/trials",
            alice,
            "{\"params\": {\"lr\": 0.001, \"layers\": 3}}");
    assertEquals(201, enq.status(), enq.body());
    assertEquals("WAITING", enq.json().get("state").asText());
    var list = m.get("/api/v1/studies/" + id + "/trials?state=complete&limit=10", alice);
    assertEquals(1, list.json().get("total").asInt());
    var best = m.get("/api/v1/studies/" + id + "/best", alice);
    assertEquals(n, best.json().get("number").asInt());
    var show = m.get("/api/v1/studies/" + id, alice).json();
    assertEquals(1, show.get("counts").get("COMPLETE").asInt());
    assertEquals(1, show.get("counts").get("WAITING").asInt());
    assertEquals(
        1, m.get("/api/v1/studies?limit=50", alice).json().get("total").asInt() >= 1 ? 1 : 0);
    assertEquals(204, m.call("DELETE", "/api/v1/studies/" + id, alice, null).status());
    assertEquals(404, m.get("/api/v1/studies/" + id, alice).status());
  }

  @Test
  void aStudyWithoutASeedGetsARandomOneThatReproducesIt() throws Exception {
    var first = m.post("/api/v1/studies", alice, SPEC);
    var second = m.post("/api/v1/studies", alice, SPEC);
    assertEquals(201, first.status(), first.body());
    long seed = first.json().get("sampler").get("seed").asLong();
    assertTrue(seed >= 0 && seed < (1L << 31), "a seed every JSON client reads exactly: " + seed);
    String id = first.json().get("id").asText();
    assertEquals(
        seed, m.get("/api/v1/studies/" + id, alice).json().get("sampler").get("seed").asLong());
    String points = firstPoints(id);
    assertFalse(
        points.equals(firstPoints(second.json().get("id").asText())),
        "two seedless studies propose different points");
    var again = (com.fasterxml.jackson.databind.node.ObjectNode) MasterFixture.JSON.readTree(SPEC);
    again.putObject("sampler").put("type", "auto").put("seed", seed);
    var rerun = m.post("/api/v1/studies", alice, again.toString());
    assertEquals(201, rerun.status(), rerun.body());
    assertEquals(seed, rerun.json().get("sampler").get("seed").asLong());
    assertEquals(
        points, firstPoints(rerun.json().get("id").asText()), "the returned seed reproduces");
  }

  /** The params of a study's first three trials, asked one at a time. */
  private String firstPoints(String id) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      var ask = m.post("/api/v1/studies/" + id + "/ask", alice, "{\"count\": 1}");
      assertEquals(200, ask.status(), ask.body());
      out.append(ask.json().get("trials").get(0).get("params")).append('\n');
    }
    return out.toString();
  }

  @Test
  void commandLineClients(@TempDir Path tmp) throws Exception {
    var tokenFile = m.server.adminTokenFile().toString();
    String[] client = {"--master", m.base, "--token-file", tokenFile};
    assertEquals(
        0,
        new picocli.CommandLine(new org.hpofarm.master.cli.TokenCommand())
            .execute(concat(new String[] {"create", "zoe", "--days", "7"}, client)));
    var spec = tmp.resolve("study.json");
    Files.writeString(spec, SPEC);
    var study = new picocli.CommandLine(new org.hpofarm.master.cli.StudyCommand());
    int before = m.server.service().studies("admin", true, 0, 1000).total();
    assertEquals(0, study.execute(concat(new String[] {"create", spec.toString()}, client)));
    assertEquals(before + 1, m.server.service().studies("admin", true, 0, 1000).total());
    assertEquals(0, study.execute(concat(new String[] {"list"}, client)));
    String id = m.server.service().studies("admin", true, 0, 1000).items().get(before).id();
    assertEquals(0, study.execute(concat(new String[] {"show", id}, client)));
    assertEquals(1, study.execute(concat(new String[] {"show", "no-such-study"}, client)));
  }

  @Test
  void tokenCreateWritesATokenFileThatStudyCommandsUse(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("zoe.token");
    String[] admin = {"--master", m.base, "--token-file", m.server.adminTokenFile().toString()};
    assertEquals(
        0,
        org.hpofarm.cli.FarmCommandLine.execute(
            new org.hpofarm.master.cli.TokenCommand(),
            concat(new String[] {"create", "zoe", "--out", out.toString()}, admin)));
    String token = Files.readString(out).strip();
    assertTrue(token.startsWith("hpf_"), token);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    var spec = tmp.resolve("study.json");
    Files.writeString(spec, SPEC);
    String[] zoe = {"--master", m.base, "--token-file", out.toString()};
    assertEquals(
        0,
        org.hpofarm.cli.FarmCommandLine.execute(
            new org.hpofarm.master.cli.StudyCommand(),
            concat(new String[] {"create", spec.toString()}, zoe)));
    assertEquals(1, m.get("/api/v1/studies", token).json().get("total").asInt(), "zoe's own");
    // farm token list shows zoe's token by id; farm token revoke ID ends it
    String id = org.hpofarm.master.auth.Tokens.hash(token).substring(0, 16);
    assertEquals(
        0,
        org.hpofarm.cli.FarmCommandLine.execute(
            new org.hpofarm.master.cli.TokenCommand(), concat(new String[] {"list"}, admin)));
    assertEquals(
        0,
        org.hpofarm.cli.FarmCommandLine.execute(
            new org.hpofarm.master.cli.TokenCommand(), concat(new String[] {"revoke", id}, admin)));
    clock.advance(org.hpofarm.master.auth.Tokens.REMEMBER);
    assertEquals(401, m.get("/api/v1/studies", token).status(), "revoked from the command line");
    assertEquals(
        1,
        org.hpofarm.cli.FarmCommandLine.execute(
            new org.hpofarm.master.cli.TokenCommand(), concat(new String[] {"revoke", id}, admin)),
        "a second revoke: no such token");
  }

  @Test
  void studyCommandsNeverFallBackToTheAdminToken() {
    var err = new java.io.StringWriter();
    var cli = org.hpofarm.cli.FarmCommandLine.of(new org.hpofarm.master.cli.StudyCommand());
    cli.setErr(new java.io.PrintWriter(err));
    int rc = cli.execute("list", "--master", m.base);
    if (System.getenv("FARM_TOKEN") == null) {
      assertEquals(1, rc);
      assertTrue(err.toString().contains("no token: give --token-file FILE"), err::toString);
      assertEquals(1, err.toString().strip().split("\n").length, err::toString);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void anAgentTokenLeasesOnlyAsItsAgentTheStudiesOfItsUsersAndNothingElse() {
    var made =
        m.post(
            "/api/v1/tokens",
            m.adminToken,
            "{\"agent\": \"node-a\", \"serves\": [\"dana\"], \"days\": 1}");
    assertEquals(201, made.status(), made.body());
    String agent = made.json().get("token").asText();
    assertEquals("dana", made.json().at("/serves/0").asText());
    String dana = commander("dana");
    String executor =
        SPEC.replace(
            "\"maxTrials\": 20",
            "\"maxTrials\": 2, \"executor\": {\"kind\": \"command\", \"command\": \"true\"}");
    var mine = m.post("/api/v1/studies", dana, executor);
    String carol = commander("carol-c");
    var theirs = m.post("/api/v1/studies", carol, executor);
    assertEquals(201, mine.status(), mine.body());
    String slices =
        "{\"slices\": [{\"id\": \"cpu-0\"}, {\"id\": \"cpu-1\"}, {\"id\": \"cpu-2\"},"
            + " {\"id\": \"cpu-3\"}], \"free\": [\"cpu-0\", \"cpu-1\", \"cpu-2\", \"cpu-3\"]}";
    assertError(403, "not node-b", m.post("/api/v1/agents/node-b/lease", agent, slices));
    var lease = m.post("/api/v1/agents/node-a/lease", agent, slices);
    assertEquals(200, lease.status(), lease.body());
    Set<String> studies = new HashSet<>();
    lease.json().get("assignments").forEach(a -> studies.add(a.get("study").asText()));
    assertEquals(Set.of(mine.json().get("id").asText()), studies, "dana's trials only");
    JsonNode placed = lease.json().at("/assignments/0");
    String trial =
        "/api/v1/studies/"
            + placed.get("study").asText()
            + "/trials/"
            + placed.get("trial").asInt();
    assertEquals(200, m.post(trial + "/report", agent, "{\"step\": 1, \"value\": 0.5}").status());
    assertEquals(200, m.post(trial + "/tell", agent, "{\"value\": 0.4}").status());
    // a trial not placed on this agent
    String other = "/api/v1/studies/" + theirs.json().get("id").asText();
    var asked = m.post(other + "/ask", carol, "{\"worker\": \"node-a:cpu-9\"}");
    int n = asked.json().at("/trials/0/number").asInt();
    assertError(
        403, "not placed", m.post(other + "/trials/" + n + "/tell", agent, "{\"value\": 1}"));
    // everything else
    assertError(403, "agent token", m.post("/api/v1/studies", agent, SPEC));
    assertError(403, "agent token", m.get("/api/v1/studies", agent));
    assertError(403, "agent token", m.get(other, agent));
    assertError(403, "agent token", m.post("/api/v1/tokens", agent, "{\"user\": \"eve\"}"));
    assertError(403, "Hopaas", m.post("/api/ask/" + agent, null, "{}"));
  }

  @Test
  void unauthorized() {
    assertError(401, "Authorization", m.get("/api/v1/studies", null));
    assertError(401, "token", m.get("/api/v1/studies", "hpf_nope"));
    assertError(401, "token", m.post("/api/ask/hpf_nope", null, "{}"));
  }

  @Test
  void anotherUsersStudyIsNotFoundLikeAMissingOne() {
    String id = createStudy(alice);
    var theirs = m.get("/api/v1/studies/" + id, bob);
    var missing = m.get("/api/v1/studies/no" + id.substring(2), bob);
    assertError(404, id, theirs);
    assertEquals(
        missing.json().get("message").asText().replace("no" + id.substring(2), id),
        theirs.json().get("message").asText(),
        "the same answer as for a missing study: no existence oracle");
    assertError(404, id, m.post("/api/v1/studies/" + id + "/ask", bob, "{}"));
    assertError(403, "tokens", m.post("/api/v1/tokens", bob, "{\"user\": \"eve\"}"));
    assertEquals(200, m.get("/api/v1/studies/" + id, m.adminToken).status(), "admin sees all");
    assertEquals(0, m.get("/api/v1/studies", bob).json().get("total").asInt());
  }

  @Test
  void notFound() {
    String id = createStudy(alice);
    assertError(404, "nope", m.get("/api/v1/studies/nope", alice));
    assertError(
        404,
        "trial 99",
        m.post("/api/v1/studies/" + id + "/trials/99/tell", alice, "{\"value\": 1}"));
    assertError(404, "COMPLETE", m.get("/api/v1/studies/" + id + "/best", alice));
    assertError(404, "route", m.get("/api/v1/nothing-here", alice));
  }

  @Test
  void badInputNamesTheField() {
    String id = createStudy(alice);
    assertError(400, "body", m.post("/api/v1/studies", alice, "{not json"));
    assertError(
        400,
        "space.x",
        m.post(
            "/api/v1/studies",
            alice,
            "{\"name\": \"a\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 1, \"high\": 0}}}"));
    assertError(
        400,
        "sampler.type",
        m.post(
            "/api/v1/studies",
            alice,
            "{\"name\": \"a\", \"space\": {\"x\": {\"type\": \"int\", \"low\": 0, \"high\": 3}},"
                + " \"sampler\": {\"type\": \"nope\"}}"));
    assertError(400, "count", m.post("/api/v1/studies/" + id + "/ask", alice, "{\"count\": 0}"));
    assertError(
        400, "count", m.post("/api/v1/studies/" + id + "/ask", alice, "{\"count\": \"x\"}"));
    int n =
        m.post("/api/v1/studies/" + id + "/ask", alice, "{}")
            .json()
            .get("trials")
            .get(0)
            .get("number")
            .asInt();
    String t = "/api/v1/studies/" + id + "/trials/" + n;
    assertError(400, "step", m.post(t + "/report", alice, "{\"value\": 1}"));
    assertError(400, "value", m.post(t + "/report", alice, "{\"step\": 1}"));
    assertError(400, "values", m.post(t + "/tell", alice, "{\"values\": [1, 2]}"));
    assertError(400, "state", m.post(t + "/tell", alice, "{\"state\": \"exploded\"}"));
    assertError(
        400, "n", m.post("/api/v1/studies/" + id + "/trials/abc/tell", alice, "{\"value\": 1}"));
    assertError(
        400,
        "space.layers",
        m.post(
            "/api/v1/studies/" + id + "/trials",
            alice,
            "{\"params\": {\"lr\": 0.01, \"layers\": 99}}"));
    assertError(400, "state", m.get("/api/v1/studies/" + id + "/trials?state=sleeping", alice));
    assertError(400, "limit", m.get("/api/v1/studies/" + id + "/trials?limit=0", alice));
    assertError(400, "offset", m.get("/api/v1/studies?offset=x", alice));
    assertError(400, "user", m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"a b\"}"));
  }

  @Test
  void conflictsWithAFinishedTrial() {
    String id = createStudy(alice);
    int n =
        m.post("/api/v1/studies/" + id + "/ask", alice, "{}")
            .json()
            .get("trials")
            .get(0)
            .get("number")
            .asInt();
    String t = "/api/v1/studies/" + id + "/trials/" + n;
    assertEquals(200, m.post(t + "/tell", alice, "{\"value\": 1.5}").status());
    assertError(409, "COMPLETE", m.post(t + "/tell", alice, "{\"value\": 2.5}"));
    assertError(409, "COMPLETE", m.post(t + "/tell", alice, "{\"state\": \"failed\"}"));
    assertError(409, "COMPLETE", m.post(t + "/report", alice, "{\"step\": 3, \"value\": 1}"));
    assertError(409, "RUNNING", m.post(t + "/heartbeat", alice, null));
  }

  @Test
  void tooLarge() {
    String big = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
    var a = m.post("/api/v1/studies", alice, big);
    assertEquals(413, a.status(), a.body());
    assertEquals("too_large", a.json().get("error").asText());
  }

  private static final String COMMAND_SPEC =
      SPEC.replace(
          "\"heartbeatSeconds\": 10}",
          "\"heartbeatSeconds\": 10, \"executor\": {\"kind\": \"command\","
              + " \"command\": \"cat farm-data/admin.token\"}}");

  @Test
  void onlyAGrantedUserCreatesCommandStudiesAndTheirEnvironmentIsSafe() {
    assertError(403, "executor.kind", m.post("/api/v1/studies", alice, COMMAND_SPEC));
    var granted =
        m.post(
            "/api/v1/tokens",
            m.adminToken,
            "{\"user\": \"grace\", \"days\": 1, \"mayRunCommands\": true}");
    assertEquals(201, granted.status(), granted.body());
    assertTrue(granted.json().get("mayRunCommands").asBoolean());
    String grace = granted.json().get("token").asText();
    assertEquals(201, m.post("/api/v1/studies", grace, COMMAND_SPEC).status());
    for (String name : List.of("LD_PRELOAD", "PATH", "JAVA_TOOL_OPTIONS", "CUDA_VISIBLE_DEVICES")) {
      String env =
          COMMAND_SPEC.replace(
              "\"command\": \"cat", "\"env\": {\"" + name + "\": \"x\"}, \"command\": \"cat");
      assertError(400, "executor.env." + name, m.post("/api/v1/studies", grace, env));
    }
    String djl =
        "{\"name\": \"calo\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-5,"
            + " \"high\": 1e-2, \"log\": true}}, \"executor\": {\"kind\": \"djl\","
            + " \"model\": \"calo.vae\", \"geometry\": \"small\", \"epochs\": 2}}";
    assertEquals(201, m.post("/api/v1/studies", alice, djl).status(), "djl is open to everyone");
  }

  @Test
  void tokensHaveIdsAreListedWithoutSecretsAndAreRevoked() {
    var created = m.post("/api/v1/tokens", m.adminToken, "{\"user\": \" Erin \", \"days\": 1}");
    assertEquals(201, created.status(), created.body());
    assertEquals("erin", created.json().get("user").asText(), "names are normalised");
    String id = created.json().get("id").asText();
    String secret = created.json().get("token").asText();
    assertEquals(200, m.get("/api/v1/studies", secret).status());

    var list = m.get("/api/v1/tokens", m.adminToken);
    assertEquals(200, list.status(), list.body());
    assertTrue(list.body().contains("\"" + id + "\""), list.body());
    assertFalse(list.body().contains(secret), "no secret is ever listed");
    assertError(403, "admin", m.get("/api/v1/tokens", bob));
    assertError(403, "admin", m.call("DELETE", "/api/v1/tokens/" + id, bob, null));

    assertEquals(204, m.call("DELETE", "/api/v1/tokens/" + id, m.adminToken, null).status());
    clock.advance(org.hpofarm.master.auth.Tokens.REMEMBER);
    assertError(401, "token", m.get("/api/v1/studies", secret));
    assertError(404, id, m.call("DELETE", "/api/v1/tokens/" + id, m.adminToken, null));

    assertError(
        400,
        "admin",
        m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"x\", \"admin\": \"yes\"}"));
    assertError(
        400, "days", m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"x\", \"days\": 0}"));
    assertError(400, "user", m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"ADMIN\"}"));
    var forever =
        m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"x\", \"neverExpires\": true}");
    assertEquals(201, forever.status(), forever.body());
    assertTrue(forever.json().get("expires").isNull());
  }

  private long tokenLookups() {
    for (String line : m.get("/metrics", null).body().split("\n")) {
      if (line.startsWith("farm_token_lookups_total")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no farm_token_lookups_total in /metrics");
  }

  @Test
  void aFloodOfWrongTokensGets429sAndBarelyReachesTheStore() {
    clock.advance(Duration.ofMinutes(1)); // a full failure bucket for this address
    long before = tokenLookups();
    int unauthorized = 0;
    int limited = 0;
    for (int i = 0; i < 2000; i++) {
      int status = m.get("/api/v1/studies", "hpf_guess" + i).status();
      if (status == 401) {
        unauthorized++;
      } else if (status == 429) {
        limited++;
      }
    }
    long reads = tokenLookups() - before;
    assertEquals(Authenticator.FAILURE_BURST, unauthorized, "a burst of failures, then 429s");
    assertEquals(2000 - Authenticator.FAILURE_BURST, limited);
    assertTrue(reads <= Authenticator.FAILURE_BURST, reads + " store reads for 2000 guesses");
    clock.advance(Duration.ofMinutes(1)); // refilled for the other tests
  }

  @Test
  void rateLimited() {
    String carol = token("carol");
    int limited = 0;
    for (int i = 0; i < 450 && limited == 0; i++) {
      var a = m.get("/api/v1/studies", carol);
      if (a.status() == 429) {
        limited++;
        assertEquals("rate_limited", a.json().get("error").asText());
      }
    }
    assertEquals(1, limited, "a burst of 400 then 429 while the clock stands still");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(200, m.get("/api/v1/studies", carol).status(), "refilled with time");
  }

  @Test
  void leaseExpiryLosesATrialAndItsParamsComeBack() {
    String id = createStudy(alice);
    JsonNode first =
        m.post("/api/v1/studies/" + id + "/ask", alice, "{\"worker\": \"w9\"}")
            .json()
            .get("trials")
            .get(0);
    var again =
        m.post("/api/v1/studies/" + id + "/ask", alice, "{\"worker\": \"w9\"}")
            .json()
            .get("trials")
            .get(0);
    assertEquals(first.get("number"), again.get("number"), "same worker, same trial");
    clock.advance(Duration.ofSeconds(31));
    assertTrue(m.server.service().leases().expire() >= 1);
    var lost =
        m.get("/api/v1/studies/" + id + "/trials?state=FAILED", alice).json().get("trials").get(0);
    assertEquals("lost", lost.get("error").asText());
    var retry = m.post("/api/v1/studies/" + id + "/ask", alice, "{}").json().get("trials").get(0);
    assertEquals(first.get("params"), retry.get("params"));
  }
}
