package org.hpofarm.sim.cli;

import org.hpofarm.cli.FarmCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code farm sim} command line: reference showers, model training, search spaces, benchmarks.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Fast calorimeter simulation: reference showers, model training, search spaces.",
    subcommands = {
      ReferenceCommand.class,
      TrainCommand.class,
      SpaceCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SimCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    return FarmCommandLine.execute(new SimCommand(), args);
  }
}
