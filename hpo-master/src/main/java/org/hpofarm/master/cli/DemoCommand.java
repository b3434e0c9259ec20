package org.hpofarm.master.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.master.api.LocalFarm;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.worker.runner.DjlExecutor;
import org.hpofarm.worker.runner.DjlRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./farm demo}: the whole loop on one machine — a master, a node agent with CPU slots, and a
 * {@code calo.vae} study over the model's own search space (auto sampler, ASHA pruning) whose
 * trials train in child JVMs; a live progress bar, then the best trial retrained and compared with
 * the reference floor.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Tune a fast calorimeter simulation on this machine: a master, an agent with CPU slots and a"
          + " calo.vae study (auto sampler, ASHA pruning), with a live progress bar; at the end the"
          + " best trial, its params and its fidelity against the reference floor."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--trials", description = "trainings (default ${DEFAULT-VALUE})")
  int trials = 24;

  @Option(
      names = "--slots",
      description = "CPU slots: trainings at once (default ${DEFAULT-VALUE})")
  int slots = 2;

  @Option(names = "--epochs", description = "epochs per training (default ${DEFAULT-VALUE})")
  int epochs = 6;

  @Option(names = "--showers", description = "training showers (default ${DEFAULT-VALUE})")
  int showers = 3000;

  @Option(names = "--port", description = "the master's HTTP port (default ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(names = "--data", description = "data directory (default ${DEFAULT-VALUE})")
  Path data = Path.of("farm-data", "demo");

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (trials < 1 || slots < 1 || epochs < 1 || showers < 100) {
      throw new ParameterException(
          spec.commandLine(), "trials, slots, epochs: at least 1; showers: at least 100");
    }
    if (!DjlRunner.available()) {
      throw new IllegalStateException(
          "the simulators are not on the class path: run the demo with ./farm demo");
    }
    FreePorts.require(spec, "port", "127.0.0.1", port);
    PrintStream out = System.out;
    try (LocalFarm farm = LocalFarm.start(data, port, "demo", slots, Duration.ofSeconds(1))) {
      MasterServer master = farm.master();
      Study study = master.service().create("admin", StudySpec.fromJson(studyJson()));
      out.printf(
          "master %s (admin token in %s); agent with %d CPU slots%nstudy %s: %d calo.vae trainings"
              + " (%d epochs, %d showers, geometry small), auto sampler, ASHA pruning%n",
          farm.url(), master.adminTokenFile(), slots, study.id(), trials, epochs, showers);
      watch(master, study.id());
      summary(master, study.id(), out);
    }
    return 0;
  }

  private ObjectNode studyJson() {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", "demo calo.vae");
    s.set("space", DjlExecutor.space("calo.vae"));
    s.putObject("sampler").put("type", "auto");
    s.putObject("pruner").put("type", "asha").put("minSteps", 1).put("reductionFactor", 3);
    s.put("maxTrials", trials);
    s.put("maxRetries", 0);
    s.putObject("executor")
        .put("kind", "djl")
        .put("model", "calo.vae")
        .put("geometry", "small")
        .put("epochs", epochs)
        .put("showers", showers);
    return s;
  }

  /** The live progress bar, until every trial has ended. */
  private void watch(MasterServer master, String id) throws InterruptedException {
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("trials")
            .setInitialMax(trials)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setMaxRenderedLength(110)
            .build()) {
      while (true) {
        Map<TrialState, Integer> counts = master.service().counts(id);
        int done =
            counts.getOrDefault(TrialState.COMPLETE, 0)
                + counts.getOrDefault(TrialState.PRUNED, 0)
                + counts.getOrDefault(TrialState.FAILED, 0);
        bar.stepTo(done);
        bar.setExtraMessage(
            String.format(
                Locale.ROOT,
                "running %d, pruned %d, failed %d, best %s",
                counts.getOrDefault(TrialState.RUNNING, 0),
                counts.getOrDefault(TrialState.PRUNED, 0),
                counts.getOrDefault(TrialState.FAILED, 0),
                best(master, id)));
        if (done >= trials) {
          return;
        }
        Thread.sleep(500);
      }
    }
  }

  private static String best(MasterServer master, String id) {
    var best = master.service().best(id);
    return best.isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f", best.get(0).values().get(0));
  }

  /** The best trial, how much better than the first, and its retraining against the floor. */
  private void summary(MasterServer master, String id, PrintStream out) throws Exception {
    var bestList = master.service().best(id);
    if (bestList.isEmpty()) {
      out.println("no trial completed; see the errors with ./farm study show " + id);
      return;
    }
    Trial best = bestList.get(0);
    Trial first = master.service().trial(id, 0);
    double firstValue =
        first.values().isEmpty()
            ? first.intermediate().isEmpty()
                ? Double.NaN
                : first.intermediate().get(first.intermediate().lastKey())
            : first.values().get(0);
    out.printf(
        Locale.ROOT,
        "%nbest: trial %d, objective %.4f (the first trial: %.4f, %s)%nparams: %s%n",
        best.number(),
        best.values().get(0),
        firstValue,
        first.state().name().toLowerCase(Locale.ROOT),
        paramsJson(best));
    out.println("retraining the best trial to compare it with the reference floor ...");
    JsonNode result = retrain(best);
    if (result == null) {
      out.println("the retraining printed no result");
      return;
    }
    double objective = result.path("objective").asDouble();
    double floor = result.path("referenceFloor").asDouble();
    out.printf(
        Locale.ROOT,
        "objective %.4f against a reference floor of %.4f (two samples of the reference"
            + " simulation): %.1fx the floor; untrained %.4f; FPD %.3g (reference %.3g)%n",
        objective,
        floor,
        objective / floor,
        result.path("untrainedObjective").asDouble(Double.NaN),
        result.path("fpd").asDouble(),
        result.path("referenceFpd").asDouble());
  }

  private static String paramsJson(Trial t) {
    ObjectNode p = JSON.createObjectNode();
    t.params().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .forEach(e -> p.set(e.getKey(), SearchSpace.toJsonValue(e.getValue())));
    return p.toString();
  }

  /** The best trial's training again, as its djl trial ran it (same seed), its final line. */
  private JsonNode retrain(Trial best) throws IOException, InterruptedException {
    ObjectNode params = (ObjectNode) JSON.readTree(paramsJson(best));
    DjlExecutor executor = DjlExecutor.fromJson(studyJson().get("executor"), java.util.Set.of());
    ProcessBuilder pb =
        new ProcessBuilder(DjlRunner.trainCommand(executor, params, best.number(), false, null))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(DjlRunner.environment());
    Process p = pb.start();
    JsonNode last = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("{\"model\"")) {
          last = JSON.readTree(line);
        }
      }
    }
    p.waitFor();
    return last;
  }

  public static void main(String[] args) {
    // the progress bar and the summary speak; the parts' own logs only when something is wrong
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.micrometer", "error");
    System.exit(FarmCommandLine.execute(new DemoCommand(), args));
  }
}
