package org.hpofarm.bench.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hpofarm.bench.scratch.ScratchDirectory;
import org.hpofarm.master.api.LocalFarm;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.runner.DjlExecutor;
import org.hpofarm.worker.runner.DjlRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code farm bench campaign}: time to quality on the farm's own workload. The same calo.vae
 * trainings on the same CPU slots, side by side: the auto sampler with ASHA pruning against random
 * search without pruning, each given the same budget of slice-seconds per seed. Prints each run's
 * best objective against slice-seconds, and the slice-seconds each arm needs to reach a target
 * every random run reaches (the worst of their final bests), as a ratio.
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = {
      "Time to quality: auto + ASHA against random search without pruning, calo.vae on CPU slots,"
          + " the same slice-seconds budget per seed; JSON lines (run, curve, summary)."
    })
public final class CampaignCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The arms: a name, the sampler and the pruner. */
  private record Arm(String name, String sampler, String pruner) {}

  private static final List<Arm> ARMS =
      List.of(new Arm("auto+asha", "auto", "asha"), new Arm("random", "random", "none"));

  @Option(names = "--seeds", description = "seeds per arm (default ${DEFAULT-VALUE})")
  int seeds = 3;

  @Option(
      names = "--budget",
      paramLabel = "SLICE_SECONDS",
      description = "slice-seconds per (arm, seed) (default ${DEFAULT-VALUE})")
  double budget = 600;

  @Option(names = "--slots", description = "CPU slots (default ${DEFAULT-VALUE})")
  int slots = 2;

  @Option(names = "--epochs", description = "epochs per training (default ${DEFAULT-VALUE})")
  int epochs = 8;

  @Option(names = "--showers", description = "training showers (default ${DEFAULT-VALUE})")
  int showers = 3000;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || budget <= 0 || slots < 1 || epochs < 1 || showers < 100) {
      throw new ParameterException(
          spec.commandLine(), "seeds, slots, epochs: at least 1; budget > 0; showers >= 100");
    }
    if (!DjlRunner.available()) {
      throw new IllegalStateException("the simulators are not on the class path: ./farm bench");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Run> runs = new ArrayList<>();
    try (ScratchDirectory data = ScratchDirectory.create("farm-bench-campaign");
        LocalFarm farm = LocalFarm.start(data.path(), 0, "bench", slots, Duration.ofMillis(200))) {
      for (int seed = 0; seed < seeds; seed++) {
        for (Arm arm : ARMS) {
          Run run = run(farm.master(), farm.agent(), arm, seed);
          runs.add(run);
          print(out, runJson(run));
          for (Run.Point p : run.curve()) {
            print(
                out,
                JSON.createObjectNode()
                    .put("kind", "curve")
                    .put("arm", run.arm())
                    .put("seed", run.seed())
                    .put("slice_seconds", round(p.sliceSeconds()))
                    .put("best", p.best()));
          }
        }
      }
    }
    print(out, summary(runs));
    return 0;
  }

  /** One arm on one seed until the budget is spent; the study is then deleted. */
  private Run run(MasterServer master, Agent agent, Arm arm, int seed) throws Exception {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", "campaign " + arm.name() + " " + seed);
    s.set("space", DjlExecutor.space("calo.vae"));
    s.putObject("sampler").put("type", arm.sampler()).put("seed", seed);
    ObjectNode pruner = s.putObject("pruner").put("type", arm.pruner());
    if (arm.pruner().equals("asha")) {
      pruner.put("minSteps", 1).put("reductionFactor", 3);
    }
    s.put("maxTrials", 10_000);
    s.put("maxRetries", 0);
    s.putObject("executor")
        .put("kind", "djl")
        .put("model", "calo.vae")
        .put("geometry", "small")
        .put("epochs", epochs)
        .put("showers", showers)
        .put("seed", 1); // the same training noise for every point: only the params differ
    String id = master.service().create("admin", StudySpec.fromJson(s)).id();
    while (true) {
      Run now = Run.of(arm.name(), seed, trials(master, id), Instant.now());
      if (now.sliceSeconds() >= budget) {
        master.service().delete(id); // its running trials are refused and stopped
        agent.awaitIdle(Duration.ofSeconds(60));
        return now;
      }
      Thread.sleep(250);
    }
  }

  private static List<org.hpofarm.master.trial.Trial> trials(MasterServer master, String id) {
    List<org.hpofarm.master.trial.Trial> all = new ArrayList<>();
    for (int offset = 0; ; offset += 1000) {
      var page = master.service().trials(id, null, offset, 1000);
      all.addAll(page.items());
      if (all.size() >= page.total() || page.items().isEmpty()) {
        return all;
      }
    }
  }

  /**
   * The target — the worst final best of the random arm's runs, so that every random run reaches it
   * — and each arm's median slice-seconds to reach it (a run that never does counts as worse than
   * any).
   */
  static ObjectNode summary(List<Run> runs) {
    double target =
        runs.stream()
            .filter(r -> r.arm().equals("random"))
            .mapToDouble(Run::best)
            .max()
            .orElse(Double.NaN);
    ObjectNode out = JSON.createObjectNode().put("kind", "summary").put("target", target);
    double auto = Double.NaN;
    double random = Double.NaN;
    for (Arm arm : ARMS) {
      double spent =
          median(
              runs.stream()
                  .filter(r -> r.arm().equals(arm.name()))
                  .map(r -> r.sliceSecondsTo(target))
                  .toList());
      out.put(arm.name() + "_slice_seconds", round(spent));
      out.put(
          arm.name() + "_best_median",
          median(runs.stream().filter(r -> r.arm().equals(arm.name())).map(Run::best).toList()));
      if (arm.name().equals("random")) {
        random = spent;
      } else {
        auto = spent;
      }
    }
    out.put("ratio", round(auto / random));
    out.put("target_ratio", 0.5);
    return out;
  }

  private static ObjectNode runJson(Run r) {
    return JSON.createObjectNode()
        .put("kind", "run")
        .put("arm", r.arm())
        .put("seed", r.seed())
        .put("trials", r.trials())
        .put("complete", r.complete())
        .put("pruned", r.pruned())
        .put("slice_seconds", round(r.sliceSeconds()))
        .put("best", r.best());
  }

  /** The median, NaN values counting as worse than any number (never reached: +inf). */
  static double median(List<Double> values) {
    List<Double> sorted =
        values.stream().map(v -> v.isNaN() ? Double.POSITIVE_INFINITY : v).sorted().toList();
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Double.isInfinite(m) ? Double.NaN : m;
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
  }

  private static void print(PrintWriter out, ObjectNode line) {
    out.println(line);
    out.flush();
  }
}
