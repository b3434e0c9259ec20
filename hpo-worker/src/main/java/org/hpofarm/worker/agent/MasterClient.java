package org.hpofarm.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.worker.runner.Assignment;
import org.hpofarm.worker.runner.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's only line to the master: the farm and trial routes over HTTP ({@code docs/farm.md}),
 * with the agent's token. Given several members of a master cluster, it talks to one and moves on
 * to the next when that one does not answer (the study state is the cluster's; the farm's placement
 * is rebuilt from the agent's own lease calls). A refused call throws {@link Refused} with the
 * master's answer; when no member answers it throws {@link IOException}.
 */
public final class MasterClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MasterClient.class);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final List<URI> bases;
  private volatile int current;
  private final String token;
  private final HttpClient http;

  /** A master's answer other than 2xx. */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String body) {
      super("HTTP " + status + ": " + body);
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }

  public MasterClient(URI base, String token) {
    this(List.of(base), token);
  }

  /** A client of the master cluster whose members' URLs are {@code bases}, first tried first. */
  public MasterClient(List<URI> bases, String token) {
    this(bases, token, null);
  }

  /**
   * A client of the master cluster at {@code bases}, trusting the certificates of {@code caCert}
   * over HTTPS (null: the JVM's authorities).
   */
  public MasterClient(List<URI> bases, String token, Path caCert) {
    this.http = MasterTrust.client(caCert);
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("master: give at least one URL");
    }
    this.bases =
        bases.stream().map(b -> URI.create(b.toString().replaceAll("/+$", "") + "/")).toList();
    this.token = token;
  }

  /**
   * {@code POST /api/v1/agents/{agent}/lease}: offers {@code slices}, of which {@code free} run
   * nothing, and takes at most {@code max} new trials of the executor kinds it {@code runs} (a
   * group spread over agents meets at its {@code address} when its rank 0 is here); returns their
   * assignments on this agent's slices.
   */
  public List<Assignment> lease(
      String agent,
      List<Slice> slices,
      Set<String> free,
      int max,
      boolean simulated,
      Set<String> runs,
      String address)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    var arr = body.putArray("slices");
    for (Slice s : slices) {
      ObjectNode n = arr.addObject().put("id", s.id()).put("kind", s.kind().name());
      n.put("node", s.node()).put("memoryMiB", s.memoryMiB());
      if (s.gpu() != null) {
        n.put("gpu", s.gpu()).put("model", s.model()).put("profile", s.profile());
      }
    }
    free.forEach(body.putArray("free")::add);
    body.put("max", max);
    runs.stream().sorted().forEach(body.putArray("runs")::add);
    if (simulated) {
      body.put("simulated", true);
    }
    if (address != null) {
      body.put("address", address);
    }
    JsonNode answer = send("POST", "api/v1/agents/" + agent + "/lease", body);
    Map<String, Slice> byId = new java.util.HashMap<>();
    slices.forEach(s -> byId.put(s.id(), s));
    List<Assignment> out = new ArrayList<>();
    for (JsonNode a : answer.path("assignments")) {
      Slice slice = byId.get(a.path("slice").asText());
      if (slice == null) {
        throw new IOException("lease: the master placed a trial on unknown slice " + a);
      }
      List<String> group = new ArrayList<>();
      List<Slice> local = new ArrayList<>();
      for (JsonNode id : a.path("group").path("slices")) {
        group.add(id.asText());
        Slice member = byId.get(id.asText());
        if (member != null) {
          local.add(member);
        }
      }
      String rendezvous = a.path("group").path("rendezvous").asText(null);
      if (group.isEmpty()) {
        group.add(slice.id());
        local.add(slice);
      } else if (local.size() < group.size() && rendezvous == null) {
        LOG.warn(
            "lease: {} placed a worker group on slices this agent does not have, without a"
                + " rendezvous; this agent leaves the trial to expire",
            a.path("study").asText() + ":" + a.path("trial").asText());
        continue;
      }
      out.add(
          new Assignment(
              a.path("study").asText(),
              a.path("trial").asInt(),
              a.path("checkpoint").asInt(a.path("trial").asInt()),
              (ObjectNode) a.path("params"),
              slice,
              a.path("executor"),
              a.path("heartbeatSeconds").asInt(60),
              a.path("worker").asText(),
              group,
              local,
              a.path("group").path("rank").asInt(0),
              rendezvous));
    }
    return out;
  }

  /** Reports an intermediate value; returns whether the pruner says stop. */
  public boolean report(String study, int trial, int step, double value)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("step", step).put("value", value);
    return send("POST", trialPath(study, trial) + "/report", body).path("prune").asBoolean(false);
  }

  /** Renews a running trial's lease. */
  public void heartbeat(String study, int trial) throws IOException, InterruptedException {
    send("POST", trialPath(study, trial) + "/heartbeat", null);
  }

  /** Tells how a trial ended. */
  public void tell(String study, int trial, Outcome outcome)
      throws IOException, InterruptedException {
    send("POST", trialPath(study, trial) + "/tell", outcome.toJson());
  }

  private static String trialPath(String study, int trial) {
    return "api/v1/studies/" + study + "/trials/" + trial;
  }

  private JsonNode send(String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    IOException away = null;
    for (int tried = 0; tried < bases.size(); tried++) {
      int member = current;
      try {
        return send(bases.get(member), method, path, body);
      } catch (IOException e) {
        away = e;
        current = (member + 1) % bases.size(); // the next member, for this call and the next
      }
    }
    throw away;
  }

  private JsonNode send(URI base, String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new Refused(r.statusCode(), r.body());
    }
    return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }

  @Override
  public void close() {
    http.close();
  }
}
