package org.hpofarm.master.api;

import org.hpofarm.master.cli.MasterCommand;

/** Runs {@link MasterCommand} in a child JVM for tests. */
public final class MasterCommandLauncher {
  private MasterCommandLauncher() {}

  public static void main(String[] args) {
    MasterCommand.main(args);
  }
}
