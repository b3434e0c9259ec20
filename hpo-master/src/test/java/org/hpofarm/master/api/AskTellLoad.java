package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.JdbcRecords;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;
import org.hpofarm.master.trial.TrialState;

/**
 * Steady ask and tell load on one study of a running master, from one client thread, recording the
 * status and time of every answer and the value of every acknowledged tell: what the fault tests
 * check a master against.
 */
final class AskTellLoad implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: its status and how long it took. */
  record Call(int status, long millis) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;
  private final String study;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<Integer, Double> acknowledged = Collections.synchronizedMap(new TreeMap<>());
  private final Thread thread;

  /** Creates a study of one float parameter on the master at {@code base} and starts the load. */
  AskTellLoad(String base, String token) {
    this.base = base;
    this.token = token;
    HttpResponse<String> created =
        post(
            "/api/v1/studies",
            "{\"name\": \"load\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                + " \"high\": 1}}, \"sampler\": {\"type\": \"random\", \"seed\": 1}}");
    assertEquals(201, created.statusCode(), created.body());
    this.study = read(created).path("id").asText();
    this.thread = Thread.ofPlatform().name("ask-tell-load").start(this::run);
  }

  private void run() {
    while (!stop.get()) {
      long t0 = System.nanoTime();
      HttpResponse<String> asked = post("/api/v1/studies/" + study + "/ask", "{}");
      calls.add(call(asked, t0));
      if (asked.statusCode() != 200) {
        continue;
      }
      int n = read(asked).at("/trials/0/number").asInt();
      double value = n / 1000.0;
      long t1 = System.nanoTime();
      HttpResponse<String> told =
          post("/api/v1/studies/" + study + "/trials/" + n + "/tell", "{\"value\": " + value + "}");
      calls.add(call(told, t1));
      if (told.statusCode() == 200) {
        acknowledged.put(n, value);
      }
    }
  }

  String study() {
    return study;
  }

  /** The tells acknowledged so far: trial number to value. */
  Map<Integer, Double> acknowledged() {
    synchronized (acknowledged) {
      return Map.copyOf(acknowledged);
    }
  }

  /** The answers so far. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Waits until {@code more} tells beyond those acknowledged now are acknowledged. */
  void awaitMoreAcknowledged(int more, Duration timeout) throws InterruptedException {
    int before = acknowledged.size();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged.size() < before + more && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(acknowledged.size() >= before + more, "tells acknowledged again after the fault");
  }

  /**
   * Checks what the fault tests promise: only 200s and 503s, at least one 503, none slower than
   * {@code slowest}; returns the number of 503s and the slowest one's milliseconds.
   */
  long[] assertOnly200sAndFast503s(Duration slowest) {
    Set<Integer> statuses = new HashSet<>();
    long slowest503 = 0;
    int unavailable = 0;
    for (Call c : calls()) {
      statuses.add(c.status());
      if (c.status() == 503) {
        unavailable++;
        slowest503 = Math.max(slowest503, c.millis());
      }
    }
    assertTrue(Set.of(200, 503).containsAll(statuses), "only 200s and 503s: " + statuses);
    assertTrue(unavailable > 0, "the fault was seen");
    assertTrue(slowest503 < slowest.toMillis(), "a 503 took " + slowest503 + " ms");
    return new long[] {unavailable, slowest503};
  }

  /** Checks that every acknowledged tell is in {@code db}, COMPLETE with its value. */
  int assertEveryAcknowledgedTellStored(Database db) {
    Map<Integer, Double> told = acknowledged();
    Map<Integer, String> stored = new JdbcRecords(db).trials(study, told.keySet());
    for (var e : told.entrySet()) {
      String body = stored.get(e.getKey());
      assertTrue(body != null, "trial " + e.getKey() + " not in the database");
      Trial t = TrialJson.decode(body);
      assertEquals(TrialState.COMPLETE, t.state(), "trial " + e.getKey());
      assertEquals(e.getValue(), t.value(), "trial " + e.getKey());
    }
    return stored.size();
  }

  HttpResponse<String> get(String path) {
    return request(HttpRequest.newBuilder(URI.create(base + path)));
  }

  private HttpResponse<String> post(String path, String body) {
    return request(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> request(HttpRequest.Builder b) {
    try {
      return http.send(
          b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  static JsonNode read(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  private static Call call(HttpResponse<String> r, long t0) {
    return new Call(r.statusCode(), (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Stops the load and waits for its last call; the master can still be asked with {@link #get}.
   */
  void stop() throws InterruptedException {
    stop.set(true);
    thread.join();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    http.close();
  }
}
