package org.hpofarm.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hpofarm.bench.scratch.ScratchDirectory;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.JdbcRecords;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;
import org.hpofarm.master.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm bench member-kill}: three master processes on one PostgreSQL, clients asking and
 * telling on two of them, the third killed with SIGKILL mid-load; then every acknowledged tell is
 * looked up in the database. Prints one JSON line: calls, errors, acknowledged tells, lost ones.
 */
@Command(
    name = "member-kill",
    mixinStandardHelpOptions = true,
    description =
        "Three masters on PostgreSQL under ask/tell load, one killed with -9: acknowledged tells"
            + " lost (must be 0) and the clients' errors, as a JSON line.")
public final class MemberKillCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--db",
      description =
          "PostgreSQL JDBC URL (default: $FARM_TEST_POSTGRES, else"
              + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres)")
  String db;

  @Option(names = "--clients", description = "client threads (default ${DEFAULT-VALUE})")
  int clients = 4;

  @Option(
      names = "--before",
      description = "seconds of load before the kill (default ${DEFAULT-VALUE})")
  int before = 10;

  @Option(
      names = "--after",
      description = "seconds of load after the kill (default ${DEFAULT-VALUE})")
  int after = 15;

  @Override
  public Integer call() throws Exception {
    String url = db != null ? db : System.getenv().getOrDefault("FARM_TEST_POSTGRES", "");
    if (url.isBlank()) {
      url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }
    String schema = "farm_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (var c = DriverManager.getConnection(url);
        var st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    ScratchDirectory dir = ScratchDirectory.create("farm-member-kill");
    boolean keepLogs = true;
    int[] http = {port(), port(), port()};
    int[] hz = {port(), port(), port()};
    List<String> members = new ArrayList<>();
    for (int p : hz) {
      members.add("127.0.0.1:" + p);
    }
    List<Process> masters = new ArrayList<>();
    try (HttpClient client = HttpClient.newHttpClient()) {
      for (int i = 0; i < 3; i++) {
        masters.add(start(i, url, schema, http[i], hz[i], members, dir.path()));
      }
      for (int i = 0; i < 3; i++) {
        awaitCluster(client, http[i], 3, Duration.ofSeconds(120));
      }
      String admin = Files.readString(dir.path().resolve("m0").resolve("admin.token")).strip();
      String study =
          JSON.readTree(
                  post(
                          client,
                          http[0],
                          "/api/v1/studies",
                          admin,
                          "{\"name\": \"member-kill\", \"space\": {\"x\": {\"type\": \"float\","
                              + " \"low\": 0, \"high\": 1}}, \"sampler\": {\"type\": \"random\","
                              + " \"seed\": 1}}")
                      .body())
              .get("id")
              .asText();
      Map<Integer, Double> acknowledged = new ConcurrentHashMap<>();
      AtomicLong calls = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> load = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int port = http[c % 2]; // members 0 and 1 take the load; member 2 is the one killed
        load.add(
            Thread.ofPlatform()
                .start(
                    () ->
                        askAndTell(client, port, admin, study, stop, calls, errors, acknowledged)));
      }
      Thread.sleep(before * 1000L);
      masters.get(2).destroyForcibly(); // SIGKILL: no goodbye, partitions lost with it
      masters.get(2).waitFor();
      Thread.sleep(after * 1000L);
      stop.set(true);
      for (Thread t : load) {
        t.join();
      }
      long lost = lost(url, schema, study, acknowledged);
      System.out.println(
          JSON.createObjectNode()
              .put("kind", "member-kill")
              .put("members", 3)
              .put("killed", 1)
              .put("clients", clients)
              .put("seconds_before", before)
              .put("seconds_after", after)
              .put("calls", calls.get())
              .put("errors", errors.get())
              .put("acknowledged_tells", acknowledged.size())
              .put("lost", lost));
      keepLogs = lost > 0;
      return lost == 0 ? 0 : 1;
    } finally {
      masters.forEach(Process::destroyForcibly);
      for (Process p : masters) {
        p.waitFor();
      }
      try (var c = DriverManager.getConnection(url);
          var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      if (keepLogs) {
        System.err.println("bench member-kill: the members' logs are in " + dir.path());
      } else {
        dir.close();
      }
    }
  }

  private static void askAndTell(
      HttpClient client,
      int port,
      String token,
      String study,
      AtomicBoolean stop,
      AtomicLong calls,
      AtomicLong errors,
      Map<Integer, Double> acknowledged) {
    while (!stop.get()) {
      try {
        calls.incrementAndGet();
        HttpResponse<String> asked =
            post(client, port, "/api/v1/studies/" + study + "/ask", token, "{}");
        if (asked.statusCode() != 200) {
          errors.incrementAndGet();
          continue;
        }
        JsonNode trial = JSON.readTree(asked.body()).at("/trials/0");
        int n = trial.get("number").asInt();
        double value = trial.at("/params/x").asDouble();
        calls.incrementAndGet();
        HttpResponse<String> told =
            post(
                client,
                port,
                "/api/v1/studies/" + study + "/trials/" + n + "/tell",
                token,
                "{\"value\": " + value + "}");
        if (told.statusCode() == 200) {
          acknowledged.put(n, value);
        } else {
          errors.incrementAndGet();
        }
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }
  }

  /** How many acknowledged tells the database does not hold COMPLETE with the value told. */
  static long lost(String url, String schema, String study, Map<Integer, Double> acknowledged) {
    try (Database db = Database.open(url, schema)) {
      Map<Integer, String> rows = new JdbcRecords(db).trials(study, acknowledged.keySet());
      return acknowledged.entrySet().stream()
          .filter(
              told -> {
                String body = rows.get(told.getKey());
                Trial t = body == null ? null : TrialJson.decode(body);
                return t == null
                    || t.state() != TrialState.COMPLETE
                    || t.value() != told.getValue();
              })
          .count();
    }
  }

  /** A master process on the class path of this JVM, with its flags. */
  private static Process start(
      int i, String url, String schema, int http, int hz, List<String> members, Path dir)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.hpofarm.master.cli.MasterCommand");
    cmd.addAll(
        List.of(
            "--port", Integer.toString(http),
            "--hz-port", Integer.toString(hz),
            "--members", String.join(",", members),
            "--cluster", "member-kill-" + schema,
            "--db", url + "&currentSchema=" + schema,
            "--data", dir.resolve("m" + i).toString(),
            "--instances", "8"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("m" + i + ".log").toFile())
        .start();
  }

  private static void awaitCluster(HttpClient client, int port, int size, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> h =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (h.statusCode() == 200 && JSON.readTree(h.body()).path("clusterSize").asInt() == size) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("member on port " + port + " did not see " + size + " members");
  }

  private static HttpResponse<String> post(
      HttpClient client, int port, String path, String token, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int port() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
