package org.hpofarm.sim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.hpofarm.sim.model.ModelFamily;
import org.hpofarm.sim.model.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code farm sim space}: prints a model's recommended search space and defaults. */
@Command(
    name = "space",
    mixinStandardHelpOptions = true,
    description = "Print a model's recommended search space (API JSON form).")
final class SpaceCommand implements Callable<Integer> {

  @Option(names = "--model", defaultValue = "calo.vae", description = "calo.vae | calo.gan")
  String model;

  @Option(names = "--defaults", description = "print the default params instead of the space")
  boolean defaults;

  @Override
  public Integer call() throws Exception {
    ModelFamily family = Models.family(model);
    ObjectNode out = defaults ? family.defaults() : family.searchSpace();
    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
    return 0;
  }
}
