package org.hpofarm.worker.cli;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.mig.nvml.Nvml;
import org.hpofarm.mig.nvml.NvmlConfig;
import org.hpofarm.mig.nvml.NvmlInventory;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.agent.AgentSettings;
import org.hpofarm.worker.agent.MasterClient;
import org.hpofarm.worker.runner.TrialProcesses;
import org.hpofarm.worker.runner.TrialRunners;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./farm agent}: a node agent that runs the master's trials on this node's slices. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Run a node agent: offer this node's slices to a master and run the trials it places on"
          + " them, one process per trial, until stopped (Ctrl-C or SIGTERM).",
      "Slices: --nvml (MIG instances and whole GPUs), --cpu-slots N, or --describe SPEC"
          + " (a simulated inventory whose trials run on the CPU)."
    })
public final class AgentCommand implements Callable<Integer> {

  @Option(
      names = "--master",
      split = ",",
      paramLabel = "URL",
      description =
          "the master's URL, or several members' of a master cluster, comma separated: the agent"
              + " moves on to the next when one does not answer (default http://127.0.0.1:8080)")
  List<URI> master = List.of(URI.create("http://127.0.0.1:8080"));

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      required = true,
      description = "file holding the agent's API token")
  Path tokenFile;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = "PEM certificates to trust for an https master (default: the JVM's)")
  Path caCert;

  static final class Slices {
    @Option(names = "--nvml", description = "this node's GPUs and MIG instances, from NVML")
    boolean nvml;

    @Option(names = "--cpu-slots", paramLabel = "N", description = "N CPU slots")
    Integer cpuSlots;

    @Option(
        names = "--describe",
        paramLabel = "SPEC",
        description = "a simulated inventory, e.g. a100-40gb:1:7x1g.5gb or cpu:1:2")
    String describe;
  }

  @ArgGroup(multiplicity = "0..1")
  Slices slices;

  @Option(names = "--id", description = "agent id (default: this host's name)")
  String id;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "most trials at once (default: one per slice; 2 for --describe)")
  Integer parallel;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "where untold results wait for the master (default ${DEFAULT-VALUE})")
  Path workDir = Path.of("farm-agent");

  @Option(
      names = "--checkpoints",
      paramLabel = "DIR",
      description =
          "djl trials checkpoint every epoch under DIR/<study>/<trial> (a shared file system on a"
              + " cluster; default: under --work-dir)")
  Path checkpoints;

  @Option(
      names = "--address",
      paramLabel = "HOST",
      description =
          "where other nodes reach this one: worker groups spread over nodes (sameNode: false)"
              + " meet here, on ports 29500-30499, when their rank 0 is here (default: this"
              + " host's name)")
  String address;

  @Option(
      names = "--poll",
      paramLabel = "SECONDS",
      description = "ask for work this often when nothing ends (default ${DEFAULT-VALUE})")
  int poll = 2;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(tokenFile)) {
      throw new ParameterException(
          spec.commandLine(), "token-file: cannot read " + tokenFile + " (./farm token create)");
    }
    String host = id != null ? id : InetAddress.getLocalHost().getHostName();
    Inventory inventory = inventory(host);
    boolean simulated = slices != null && slices.describe != null;
    int most = parallel != null ? parallel : simulated ? 2 : inventory.size();
    AgentSettings settings =
        new AgentSettings(
            host,
            inventory,
            most,
            Duration.ofSeconds(poll),
            simulated,
            workDir,
            address != null ? address : InetAddress.getLocalHost().getHostName());
    Path checkpointRoot = checkpoints != null ? checkpoints : workDir.resolve("checkpoints");
    MasterClient client = new MasterClient(master, Files.readString(tokenFile).strip(), caCert);
    Agent agent =
        Agent.start(
            settings,
            client,
            TrialRunners.standard(
                checkpointRoot,
                TrialProcesses.takeOver(workDir.resolve("processes").resolve(host))));
    System.out.println(
        "agent "
            + host
            + " on "
            + master
            + ": "
            + inventory.size()
            + " slices, "
            + most
            + " at a time");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  client.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  private Inventory inventory(String host) {
    if (slices == null || (slices.cpuSlots == null && !slices.nvml && slices.describe == null)) {
      return Inventory.cpu(host, 1, 0);
    }
    if (slices.cpuSlots != null) {
      if (slices.cpuSlots < 1) {
        throw new ParameterException(spec.commandLine(), "cpu-slots: must be at least 1");
      }
      return Inventory.cpu(host, slices.cpuSlots, 0);
    }
    if (slices.describe != null) {
      try {
        return FarmDescription.parse(slices.describe);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "describe: " + e.getMessage());
      }
    }
    try (Nvml nvml = Nvml.open(NvmlConfig.discovery())) {
      return NvmlInventory.slices(host, nvml.discover(), 1);
    }
  }

  public static void main(String[] args) {
    int code = FarmCommandLine.execute(new AgentCommand(), args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
