package org.hpofarm.bench;

import org.hpofarm.bench.campaign.CampaignCommand;
import org.hpofarm.bench.cluster.MemberKillCommand;
import org.hpofarm.bench.dashboard.DashboardBenchCommand;
import org.hpofarm.bench.group.GroupCommand;
import org.hpofarm.bench.http.HttpLoadCommand;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.mig.sim.FarmSimulationCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code farm bench} command line: the project's benchmarks, one subcommand each. */
@Command(
    name = "farm bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: optimiser quality against Optuna, ask latency, HTTP load, farm simulation,"
            + " time to quality on the farm's workload, a member killed under load, data-parallel"
            + " djl groups, the dashboard in a browser.",
    subcommands = {
      OptimisersCommand.class,
      AskLatencyCommand.class,
      HttpLoadCommand.class,
      FarmSimulationCommand.class,
      CampaignCommand.class,
      MemberKillCommand.class,
      GroupCommand.class,
      DashboardBenchCommand.class
    })
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (tests run it with their own output streams). */
  public static CommandLine commandLine() {
    return FarmCommandLine.of(new BenchCommand());
  }
}
