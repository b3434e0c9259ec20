package org.hpofarm.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.master.api.ApiSettings;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.api.MasterSettings;
import org.hpofarm.master.store.MemberSettings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/**
 * The examples of README.md and docs/ run as written, so that the docs cannot drift from the code:
 * each document's shell blocks in one bash session in a fresh directory (against the masters its
 * {@code background} blocks start), its JSON blocks against a master, and the {@code ./farm} lines
 * of {@code illustrative} blocks (long benchmarks, other machines) checked to parse.
 */
class DocsIT {

  /** The checkout: Maven runs this module's tests in {@code benchmarks/}. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Set<String> FLAGS = Set.of(CodeBlock.ILLUSTRATIVE, CodeBlock.BACKGROUND);

  /** Languages whose blocks are never run, so must say they are illustrative. */
  private static final Set<String> NEVER_RUN = Set.of("python", "java");

  /** The ports the docs' masters use; a background block needs them free. */
  private static final List<Integer> DOC_PORTS = List.of(8080, 5701);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The base study a sampler, pruner or executor fragment is tried in. */
  private static final String BASE_STUDY =
      """
      {"name": "docs", "direction": "minimize", "maxTrials": 50, "space": {
        "lr": {"type": "float", "low": 1e-5, "high": 1e-1, "log": true},
        "dropout": {"type": "float", "low": 0, "high": 0.5},
        "layers": {"type": "int", "low": 1, "high": 6},
        "x": {"type": "float", "low": -1, "high": 1}}}
      """;

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private static List<CodeBlock> blocks(Path document) {
    try {
      return CodeBlock.of(ROOT, document);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stream<CodeBlock> allBlocks() throws IOException {
    return documents().stream().flatMap(d -> blocks(d).stream());
  }

  @Test
  void everyBlockSaysWhatItIsAndHowItIsChecked() throws IOException {
    List<String> problems = new ArrayList<>();
    allBlocks()
        .forEach(
            b -> {
              if (b.language().isEmpty()) {
                problems.add(b.where() + ": no language (bash, sh, json, text, ...)");
              }
              for (String flag : b.flags()) {
                if (!FLAGS.contains(flag)) {
                  problems.add(b.where() + ": unknown flag '" + flag + "' (one of " + FLAGS + ")");
                }
              }
              if (b.background() && !b.shell()) {
                problems.add(b.where() + ": only shell blocks run in the background");
              }
              if (NEVER_RUN.contains(b.language()) && !b.illustrative()) {
                problems.add(
                    b.where()
                        + ": "
                        + b.language()
                        + " blocks are not run: mark them "
                        + CodeBlock.ILLUSTRATIVE);
              }
            });
    assertEquals(List.of(), problems);
    assertTrue(allBlocks().anyMatch(b -> b.shell() && !b.illustrative()), "some blocks run");
  }

  @TestFactory
  Stream<DynamicTest> shellExamplesRunAsWritten(@TempDir Path work) throws IOException {
    return documents().stream()
        .filter(d -> blocks(d).stream().anyMatch(b -> b.shell() && !b.illustrative()))
        .map(d -> DynamicTest.dynamicTest(ROOT.relativize(d).toString(), () -> runShell(d, work)));
  }

  private void runShell(Path document, Path work) throws Exception {
    List<CodeBlock> blocks = blocks(document);
    if (blocks.stream().anyMatch(CodeBlock::background)) {
      for (int port : DOC_PORTS) {
        requireFree(port);
      }
    }
    Path dir = Files.createDirectory(work.resolve(document.getFileName().toString()));
    Files.createSymbolicLink(dir.resolve("farm"), ROOT.resolve("farm"));
    Files.createSymbolicLink(dir.resolve("examples"), ROOT.resolve("examples"));
    Path script = dir.resolve(".docs.sh");
    Files.writeString(script, ShellSession.of(blocks));
    run(dir, List.of("bash", script.toString()), 600);
  }

  @Test
  void illustrativeFarmCommandsParse(@TempDir Path dir) throws Exception {
    // bash splits each ./farm line into its arguments (quotes, variables, comments) ...
    StringBuilder script =
        new StringBuilder(
            """
            set -euo pipefail
            n=0
            farm_args() { n=$((n + 1)); printf '%s\\0' "$@" > "args.$n"; }
            """);
    List<String> where = new ArrayList<>();
    for (CodeBlock b : allBlocks().filter(b -> b.shell() && b.illustrative()).toList()) {
      for (String command : b.farmCommands()) {
        script.append("farm_args ").append(command).append('\n');
        where.add(b.where() + ": ./farm " + command);
      }
    }
    assertTrue(!where.isEmpty(), "illustrative ./farm lines found");
    Path file = dir.resolve("split.sh");
    Files.writeString(file, script);
    run(dir, List.of("bash", file.toString()), 60);
    // ... and picocli parses them as ./farm would, without running them
    Map<String, String> mains = FarmLauncher.mainClasses(ROOT.resolve("farm"));
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < where.size(); i++) {
      String[] args =
          Files.readString(dir.resolve("args." + (i + 1)), StandardCharsets.UTF_8).split("\0");
      if (args.length == 0 || args[0].isEmpty() || args[0].startsWith("-")) {
        continue; // ./farm --help: the launcher's own usage
      }
      String main = mains.get(args[0]);
      if (main == null) {
        problems.add(where.get(i) + ": no command '" + args[0] + "'");
        continue;
      }
      Constructor<?> constructor = Class.forName(main).getDeclaredConstructor();
      constructor.setAccessible(true);
      try {
        FarmCommandLine.of(constructor.newInstance())
            .parseArgs(Arrays.copyOfRange(args, 1, args.length));
      } catch (ParameterException e) {
        problems.add(where.get(i) + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void jsonExamplesAndExampleFilesAreAcceptedByAMaster(@TempDir Path data) throws Exception {
    List<CodeBlock> examples =
        allBlocks().filter(b -> b.language().equals("json") && !b.illustrative()).toList();
    assertTrue(!examples.isEmpty(), "JSON examples found");
    int port = freePort();
    try (MasterServer master =
            MasterServer.start(
                new MasterSettings(
                    data,
                    null,
                    MemberSettings.loopback("docs-" + port, freePort()),
                    new ApiSettings("127.0.0.1", port, ApiSettings.DEFAULT_BODY_LIMIT, 1e6, 2e6),
                    8),
                InstantSource.system());
        HttpClient http = HttpClient.newHttpClient()) {
      String token = Files.readString(master.adminTokenFile()).strip();
      try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          HttpResponse<String> created = post(http, port, token, Files.readString(f));
          assertEquals(201, created.statusCode(), ROOT.relativize(f) + ": " + created.body());
        }
      }
      for (CodeBlock b : examples) {
        ObjectNode study = study(b);
        HttpResponse<String> created = post(http, port, token, study.toString());
        assertEquals(201, created.statusCode(), b.where() + ": " + created.body());
        JsonNode answer = JSON.readTree(created.body());
        for (String part : List.of("sampler", "pruner")) {
          if (study.has(part)) {
            assertEquals(
                study.get(part).get("type"), answer.get(part).get("type"), b.where() + ": " + part);
          }
        }
      }
    }
  }

  private static HttpResponse<String> post(HttpClient http, int port, String token, String study)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/studies"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(study))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A study from a JSON block: a whole study, or a sampler, pruner or executor in the base one. */
  private static ObjectNode study(CodeBlock b) throws IOException {
    String text = b.body().strip();
    ObjectNode node = (ObjectNode) JSON.readTree(text.startsWith("\"") ? "{" + text + "}" : text);
    if (node.has("space")) {
      return node;
    }
    ObjectNode study = (ObjectNode) JSON.readTree(BASE_STUDY);
    node.fieldNames()
        .forEachRemaining(
            field -> {
              if (!Set.of("sampler", "pruner", "executor").contains(field)) {
                fail(b.where() + ": a JSON example is a study or a sampler, pruner or executor");
              }
            });
    study.setAll(node);
    return study;
  }

  /** Runs {@code command} in {@code dir}; fails with the block it stopped in and its output. */
  private static void run(Path dir, List<String> command, int seconds) throws Exception {
    Path log = Files.createTempFile("docs", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().remove("FARM_TOKEN");
    Process p = pb.start();
    boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    if (!ended || p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      String where =
          lines.stream().filter(l -> l.startsWith("@@ ")).reduce((a, c) -> c).orElse("@@ ?");
      fail(
          (ended ? "exit status " + p.exitValue() : "timed out after " + seconds + " s")
              + " in the block at "
              + where.substring(3)
              + "\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }
    Files.delete(log);
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress("0.0.0.0", port));
    } catch (IOException e) {
      fail("port " + port + " is busy: the docs' masters use it; stop what holds it");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
