package org.hpofarm.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.hpofarm.worker.runner.Outcome;

/**
 * Results the master could not be told yet (it was away): kept in memory and, with a directory, on
 * disk ({@code pending/<study>-<trial>.json}), so that an agent restarted in the same work
 * directory still tells them.
 */
final class PendingTells {

  /** One result waiting to be told. */
  record Tell(String study, int trial, Outcome outcome) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Map<String, Tell> tells = new ConcurrentHashMap<>();

  /** Pending tells under {@code workDir/pending} (null: memory only), with those found there. */
  PendingTells(Path workDir) throws IOException {
    this.dir = workDir == null ? null : Files.createDirectories(workDir.resolve("pending"));
    if (dir != null) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          JsonNode n = JSON.readTree(f.toFile());
          add(
              new Tell(
                  n.path("study").asText(),
                  n.path("trial").asInt(),
                  Outcome.fromJson(n.path("outcome"))));
        }
      }
    }
  }

  /** Keeps {@code tell} until {@link #done}. */
  void add(Tell tell) throws IOException {
    tells.put(key(tell), tell);
    if (dir != null) {
      ObjectNode n = JSON.createObjectNode().put("study", tell.study()).put("trial", tell.trial());
      n.set("outcome", tell.outcome().toJson());
      Path tmp = dir.resolve(key(tell) + ".json.tmp");
      Files.writeString(tmp, n.toString());
      Files.move(tmp, dir.resolve(key(tell) + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Forgets {@code tell}: the master has it (or refused it for good). */
  void done(Tell tell) throws IOException {
    tells.remove(key(tell));
    if (dir != null) {
      Files.deleteIfExists(dir.resolve(key(tell) + ".json"));
    }
  }

  List<Tell> all() {
    return new ArrayList<>(tells.values());
  }

  private static String key(Tell t) {
    return t.study() + "-" + t.trial();
  }
}
