package org.hpofarm.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpofarm.bench.scratch.ScratchDirectory;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.cli.Percentile;
import org.hpofarm.master.api.ApiSettings;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.api.MasterSettings;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.store.MemberSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * HTTP load benchmark: ask+tell pairs per second over HTTP on loopback, many concurrent clients,
 * durable storage on (write-through to H2 by default), for each sampler; sequential ask+tell
 * latency as the history grows; then Optuna on SQLite storage in the same run, where the machine
 * has it.
 *
 * <p>Each client loops: {@code POST .../ask}, then {@code POST .../trials/{n}/tell} with the value
 * of a quadratic of 8 float parameters (the space of the Optuna latency anchor). First a warm-up on
 * throwaway studies, in rounds of {@value #WARMUP_ROUND} pairs until the JIT is quiet (compiling
 * less than 5 % of a round's time; with the master in this JVM, else one round) or {@code --warmup}
 * pairs are spent: on two cores the JIT takes about a minute to compile the master's hot path, and
 * a master runs for days. Then each sampler gets a fresh study, measured from its first trial.
 * Prints one JSON line for the warm-up and one per sampler: pairs/s, ask and tell latency
 * percentiles, and the history size reached. Then, per sampler, the Optuna latency anchor's own
 * measurement over HTTP: one client on a fresh study, ask+tell time at histories 100, 300, 1,000
 * and 2,000 (median and p99 over the last 100 trials, the anchor's JSON fields), beside Optuna 3.1
 * on SQLite from the figures bundled with this class as a ratio. Run it with {@code ./farm bench
 * http} or this class's main; {@code --help} lists the options.
 */
@Command(
    name = "http",
    mixinStandardHelpOptions = true,
    description = "Ask+tell pairs/s over HTTP with concurrent clients, beside Optuna on SQLite.")
public final class HttpLoadCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The asks of a study's first trials, whose latency percentiles are also printed apart. */
  static final int FIRST = 1000;

  /** Where the sequential run reports, as the Optuna latency anchor does. */
  static final Set<Integer> MARKS = Set.of(100, 300, 1000, 2000);

  /** The trials a sequential mark's median and p99 are taken over: the last 100. */
  static final int WINDOW = 100;

  /** Warm-up pairs between two looks at the JIT. */
  static final int WARMUP_ROUND = 5000;

  @Option(
      names = "--pairs",
      description = "measured ask+tell pairs per sampler (default ${DEFAULT-VALUE})")
  int pairs = 10_000;

  @Option(
      names = "--warmup",
      description =
          "most warm-up pairs before measuring (default ${DEFAULT-VALUE}); with an external"
              + " master, whose JIT this JVM cannot see, one round of "
              + WARMUP_ROUND
              + " or fewer")
  int warmup = 200_000;

  @Option(
      names = "--latency-trials",
      description =
          "trials of the sequential run per sampler (one client, the Optuna latency anchor's"
              + " measurement), 0 to skip (default ${DEFAULT-VALUE})")
  int latencyTrials = 2000;

  @Option(names = "--clients", description = "concurrent clients (default ${DEFAULT-VALUE})")
  int clients = 64;

  @Option(names = "--samplers", split = ",", description = "samplers (default ${DEFAULT-VALUE})")
  List<String> samplers = List.of("random", "tpe");

  @Option(
      names = "--master",
      description = "an external master URL (default: start one in this JVM)")
  String master;

  @Option(names = "--token", description = "token for --master")
  String token;

  @Option(names = "--db", description = "database URL for the in-JVM master (default: H2 file)")
  String db;

  @Option(
      names = "--optuna-trials",
      description = "Optuna SQLite trials per sampler, 0 to skip (default ${DEFAULT-VALUE})")
  int optunaTrials = 300;

  @Spec CommandSpec spec;

  private String base;

  /** Where the JSON lines go: the command line's output. */
  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Override
  public Integer call() throws Exception {
    if (optunaTrials > 0) {
      Optional<String> why = OptunaSqlite.unavailable();
      if (why.isPresent()) {
        throw new ParameterException(
            spec.commandLine(),
            "optuna-trials: cannot run Optuna on SQLite here: "
                + why.get()
                + "; or skip it with --optuna-trials 0 (stored Optuna figures are still shown)");
      }
    }
    MasterServer server = null;
    ScratchDirectory data = null;
    if (master == null) {
      data = ScratchDirectory.create("farm-bench-http");
      int port = freePort();
      server =
          MasterServer.start(
              new MasterSettings(
                  data.path(),
                  db,
                  MemberSettings.loopback("bench-" + UUID.randomUUID(), freePort()),
                  new ApiSettings("127.0.0.1", port, ApiSettings.DEFAULT_BODY_LIMIT, 1e6, 2e6),
                  Math.max(clients, 8)),
              InstantSource.system());
      base = "http://127.0.0.1:" + port;
      token = Files.readString(server.adminTokenFile()).strip();
    } else {
      base = master.replaceAll("/+$", "");
    }
    try {
      warmUp();
      List<String> runnable = new ArrayList<>();
      for (String sampler : samplers) {
        if (master == null && !Samplers.TYPES.contains(sampler)) {
          out()
              .println(
                  "{\"bench\": \"http\", \"sampler\": \""
                      + sampler
                      + "\", \"skipped\": \"not in this build's samplers "
                      + Samplers.TYPES
                      + "\"}");
        } else {
          runnable.add(sampler);
        }
      }
      for (String sampler : runnable) {
        run(sampler);
      }
      Map<String, JsonNode> optuna = OptunaSqlite.storedLatency();
      for (String sampler : latencyTrials > 0 ? runnable : List.<String>of()) {
        sequential(sampler, optuna);
      }
    } finally {
      if (server != null) {
        server.close();
        data.close();
      }
    }
    return optunaTrials > 0 ? optuna() : 0;
  }

  /**
   * Runs pairs on throwaway {@code random} studies, a new one each round (a master meets new
   * studies all the time, and the JIT should have seen one start), until the JIT is quiet (in-JVM
   * master; one round for an external one) or {@code --warmup} pairs are spent.
   */
  private void warmUp() throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long t0 = System.nanoTime();
    int done = 0;
    double compiling = Double.NaN;
    while (done < warmup) {
      int round = Math.min(WARMUP_ROUND, warmup - done);
      long compiled = jit.getTotalCompilationTime();
      String study = createStudy("warm-up-" + done, "random");
      long start = System.nanoTime();
      load(study, round, new long[round], new long[round]);
      done += round;
      compiling = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - start) / 1e6);
      if (master != null || compiling < 0.05) {
        break;
      }
    }
    out()
        .printf(
            Locale.ROOT,
            "{\"bench\": \"http\", \"warmup_pairs\": %d, \"warmup_s\": %.1f, \"jit_share_last_round\": %s}%n",
            done,
            (System.nanoTime() - t0) / 1e9,
            master != null ? "null" : String.format(Locale.ROOT, "%.3f", compiling));
  }

  /** The storage behind the measured master, as printed. */
  private String storage() {
    return master != null ? "external" : db == null ? "h2" : db.replaceAll("\\?.*", "");
  }

  /** Creates a study of 8 floats in [0, 1] with {@code sampler}; returns its id. */
  private String createStudy(String name, String sampler) throws IOException {
    StringBuilder space = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      space
          .append(i == 0 ? "" : ", ")
          .append("\"x")
          .append(i)
          .append("\": {\"type\": \"float\", \"low\": 0, \"high\": 1}");
    }
    String spec =
        "{\"name\": \"bench-"
            + name
            + "\", \"direction\": \"minimize\", \"space\": {"
            + space
            + "}, \"sampler\": {\"type\": \""
            + sampler
            + "\", \"seed\": 1}}";
    KeepAliveClient.Response created;
    try (KeepAliveClient client = new KeepAliveClient(URI.create(base), token)) {
      created = client.post("/api/v1/studies", spec);
    }
    if (created.status() != 201) {
      throw new IllegalStateException("create study: " + created.status() + " " + created.body());
    }
    return JSON.readTree(created.body()).get("id").asText();
  }

  private void run(String sampler) throws Exception {
    String study = createStudy(sampler, sampler);
    long[] ask = new long[pairs];
    long[] tell = new long[pairs];
    long t0 = System.nanoTime();
    load(study, pairs, ask, tell);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] first = Arrays.copyOf(ask, Math.min(FIRST, pairs));
    Arrays.sort(first);
    Arrays.sort(ask);
    Arrays.sort(tell);
    out()
        .printf(
            Locale.ROOT,
            "{\"bench\": \"http\", \"system\": \"hpo-farm\", \"sampler\": \"%s\", \"storage\": \"%s\", \"clients\": %d,"
                + " \"pairs\": %d, \"pairs_per_s\": %.1f, \"ask_ms_p50\": %.3f, \"ask_ms_p99\": %.3f,"
                + " \"ask_ms_p99_first_1000\": %.3f, \"tell_ms_p50\": %.3f, \"tell_ms_p99\": %.3f, \"history\": %d, \"cores\": %d}%n",
            sampler,
            storage(),
            clients,
            pairs,
            pairs / seconds,
            ms(ask, 0.50),
            ms(ask, 0.99),
            ms(first, 0.99),
            ms(tell, 0.50),
            ms(tell, 0.99),
            pairs,
            Runtime.getRuntime().availableProcessors());
  }

  /**
   * One ask, then the tell of the quadratic's value; their latencies in nanos go to {@code ask[i]}
   * and {@code tell[i]}.
   */
  private static void pair(
      KeepAliveClient client, String study, String worker, long[] ask, long[] tell, int i)
      throws IOException {
    long a = System.nanoTime();
    KeepAliveClient.Response r =
        client.post("/api/v1/studies/" + study + "/ask", "{\"worker\": \"" + worker + "\"}");
    if (r.status() != 200) {
      throw new IllegalStateException("ask: " + r.status() + " " + r.body());
    }
    long b = System.nanoTime();
    JsonNode t = JSON.readTree(r.body()).get("trials").get(0);
    double value = 0;
    for (var p : (Iterable<JsonNode>) t.get("params")::elements) {
      value += (p.asDouble() - 0.3) * (p.asDouble() - 0.3);
    }
    KeepAliveClient.Response told =
        client.post(
            "/api/v1/studies/" + study + "/trials/" + t.get("number").asInt() + "/tell",
            "{\"value\": " + value + "}");
    long d = System.nanoTime();
    if (told.status() != 200) {
      throw new IllegalStateException("tell: " + told.status() + " " + told.body());
    }
    ask[i] = b - a;
    tell[i] = d - b;
  }

  /**
   * The anchor's measurement over HTTP: one client, a fresh study, ask+tell time as the history
   * grows; at each mark the median and p99 over the last 100 trials, beside Optuna 3.1 on SQLite
   * from the bundled {@code optuna-3.1-latency.jsonl}.
   */
  private void sequential(String sampler, Map<String, JsonNode> optuna) throws Exception {
    String study = createStudy("sequential-" + sampler, sampler);
    long[] ask = new long[latencyTrials];
    long[] tell = new long[latencyTrials];
    try (KeepAliveClient client = new KeepAliveClient(URI.create(base), token)) {
      for (int n = 1; n <= latencyTrials; n++) {
        pair(client, study, "sequential", ask, tell, n - 1);
        if (!MARKS.contains(n) && n != latencyTrials) {
          continue;
        }
        int from = Math.max(0, n - WINDOW);
        long[] asks = Arrays.copyOfRange(ask, from, n);
        long[] pairs = new long[n - from];
        for (int i = 0; i < pairs.length; i++) {
          pairs[i] = ask[from + i] + tell[from + i];
        }
        Arrays.sort(asks);
        Arrays.sort(pairs);
        JsonNode anchor = optuna.get(sampler + "/" + n);
        double p99 = ms(pairs, 0.99);
        out()
            .printf(
                Locale.ROOT,
                "{\"bench\": \"http\", \"system\": \"hpo-farm\", \"mode\": \"sequential\","
                    + " \"sampler\": \"%s\", \"storage\": \"%s\", \"history\": %d, \"ms_median\": %.3f,"
                    + " \"ms_p99\": %.3f, \"ask_ms_p99\": %.3f, \"optuna_sqlite_ms_p99\": %s,"
                    + " \"ratio_p99\": %s}%n",
                sampler,
                storage(),
                n,
                ms(pairs, 0.50),
                p99,
                ms(asks, 0.99),
                anchor == null ? "null" : String.format(Locale.ROOT, "%.3f", anchor.asDouble()),
                anchor == null
                    ? "null"
                    : String.format(Locale.ROOT, "%.4f", p99 / anchor.asDouble()));
      }
    }
  }

  /** {@code total} pairs over {@code clients} virtual threads; latencies in nanos. */
  private void load(String study, int total, long[] ask, long[] tell) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int c = 0; c < clients; c++) {
      String worker = "client-" + c;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (KeepAliveClient client = new KeepAliveClient(URI.create(base), token)) {
                      for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        pair(client, study, worker, ask, tell, i);
                      }
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("load failed: " + errors.get(0), errors.get(0));
    }
  }

  /** Runs Optuna 3.1 on SQLite with the bundled script; its lines go out as they come. */
  private int optuna() throws Exception {
    if (OptunaSqlite.run(optunaTrials, samplers, out())) {
      return 0;
    }
    spec.commandLine().getErr().println("bench: the Optuna SQLite run failed (see its lines)");
    return 1;
  }

  private static double ms(long[] sortedNanos, double q) {
    return Percentile.nearestRank(sortedNanos, q) / 1e6;
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new HttpLoadCommand(), args));
  }
}
