package org.hpofarm.mig.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.mig.window.BurstWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm bench farm}: simulates a weekend burst on a Leonardo-sized farm and prints one JSON
 * line.
 */
@Command(
    name = "farm",
    mixinStandardHelpOptions = true,
    description =
        "Simulate a burst window on a MIG farm with the farm's allocator and a first-fit baseline.")
public final class FarmSimulationCommand implements Callable<Integer> {

  @Option(names = "--gpus", description = "GPUs in the farm (default ${DEFAULT-VALUE}).")
  int gpus = 13_824;

  @Option(names = "--model", description = "GPU model (default ${DEFAULT-VALUE}).")
  String model = "a100-40gb";

  @Option(names = "--profile", description = "MIG layout of every GPU (default ${DEFAULT-VALUE}).")
  String profile = "7x1g.5gb";

  @Option(names = "--trials", description = "Trials in the burst (default ${DEFAULT-VALUE}).")
  int trials = 200_000;

  @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--studies",
      description = "Studies sharing the burst (default ${DEFAULT-VALUE}).")
  int studies = 8;

  @Option(
      names = "--durations",
      description = "Trial hours, lognormal:MU,SIGMA of ln(hours) (default ${DEFAULT-VALUE}).")
  String durations = "lognormal:3.6,0.4";

  @Option(names = "--window-start", description = "Window start (default ${DEFAULT-VALUE}).")
  String windowStart = "FRI 20:00";

  @Option(names = "--window-end", description = "Window end (default ${DEFAULT-VALUE}).")
  String windowEnd = "MON 06:00";

  @Option(names = "--zone", description = "Window time zone (default ${DEFAULT-VALUE}).")
  String zone = "Europe/Rome";

  @Option(
      names = "--weekend",
      description = "A date of the window's start day (default ${DEFAULT-VALUE}).")
  LocalDate weekend = LocalDate.of(2026, 11, 27);

  @Option(
      names = "--campaign-share",
      description =
          "Share of the farm reserved for the last study (a campaign) during the window (default ${DEFAULT-VALUE}).")
  double campaignShare = 0;

  @Option(
      names = "--group-size",
      description =
          "Slices per trial: a worker group, one node preferred (default ${DEFAULT-VALUE}).")
  int groupSize = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    SimulationSpec spec =
        new SimulationSpec(
            model,
            gpus,
            profile,
            trials,
            studies,
            Durations.parse(durations),
            seed,
            BurstWindow.parse(windowStart, windowEnd, zone),
            weekend,
            campaignShare,
            groupSize);
    SimulationResult result = new FarmSimulation(spec, System::nanoTime).run();
    PrintWriter out = commandSpec.commandLine().getOut();
    out.println(toJson(result));
    out.flush();
    return 0;
  }

  /** The JSON line: the farm allocator's figures at the top level, the baseline under firstFit. */
  static String toJson(SimulationResult r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("farm", r.farm());
    root.put("slices", r.slices());
    root.put("trials", r.trials());
    root.put("studies", r.studies());
    root.put("durations", r.durations());
    root.put("windowHours", r.windowHours());
    root.put("seed", r.seed());
    figures(root, r.bestFit());
    figures(root.putObject("firstFit"), r.firstFit());
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void figures(ObjectNode node, RunResult run) {
    node.put("allocator", run.allocator());
    node.put("utilisation", round(run.utilisation(), 4));
    node.put("placementP50Micros", round(run.placementP50Micros(), 2));
    node.put("placementP99Micros", round(run.placementP99Micros(), 2));
    node.put("makespanHours", round(run.makespanHours(), 2));
    node.put("fairness", round(run.fairness(), 4));
    node.put("placements", run.placements());
    node.put("completedInWindow", run.completedInWindow());
    node.put("runningAtWindowEnd", run.runningAtWindowEnd());
    node.put("oneNodeGroups", round(run.oneNodeGroups(), 4));
    node.put("campaignShare", round(run.campaignShare(), 4));
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new FarmSimulationCommand(), args));
  }
}
