package org.hpofarm.master.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks, before anything starts, that the ports a master will listen on are free. */
final class FreePorts {

  private FreePorts() {}

  /** Fails with one line naming the busy port and the flag {@code --option} that changes it. */
  static void require(CommandSpec spec, String option, String address, int number) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, number));
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              "%s: %s:%d is in use (another master?); give another with --%s",
              option, address, number, option));
    }
  }
}
