package org.hpofarm.mig.nvml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.mig.slice.Inventory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm slices}: discovers this node's GPUs through NVML and prints them, the slices the farm
 * would offer, and the GPU models as NVML describes them, as JSON. Read-only.
 */
@Command(
    name = "slices",
    mixinStandardHelpOptions = true,
    description = "Discover this node's GPUs, MIG devices and profiles through NVML (read-only).")
public final class NvmlCommand implements Callable<Integer> {

  @Option(
      names = "--library",
      description = "NVML library name or path (default ${DEFAULT-VALUE}).")
  String library = NvmlConfig.DEFAULT_LIBRARY;

  @Option(
      names = "--shared",
      description = "Slots per GPU without MIG (default ${DEFAULT-VALUE}: whole GPU).")
  int shared = 1;

  @Option(names = "--node", description = "Node name (default: this host's name).")
  String node;

  @CommandLine.Spec CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    String host = node != null ? node : InetAddress.getLocalHost().getHostName();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    PrintWriter out = commandSpec.commandLine().getOut();
    try (Nvml nvml = Nvml.open(new NvmlConfig(library, false))) {
      List<NvmlGpu> gpus = nvml.discover();
      Inventory inventory = NvmlInventory.slices(host, gpus, shared);
      ObjectNode root = mapper.createObjectNode();
      root.put("node", host);
      root.put("driver", nvml.driverVersion());
      root.set("gpus", mapper.valueToTree(gpus));
      root.set("slices", mapper.valueToTree(inventory.slices()));
      root.set("busy", mapper.valueToTree(NvmlInventory.busy(gpus)));
      root.set(
          "models",
          mapper.valueToTree(
              gpus.stream().filter(NvmlGpu::migCapable).map(NvmlInventory::model).toList()));
      out.println(mapper.writeValueAsString(root));
    } catch (NvmlException e) {
      commandSpec.commandLine().getErr().println("nvml: " + e.getMessage());
      return 2;
    }
    out.flush();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new NvmlCommand(), args));
  }
}
