package org.hpofarm.master.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.agent.AgentSettings;
import org.hpofarm.worker.agent.MasterClient;
import org.hpofarm.worker.runner.TrialProcesses;
import org.hpofarm.worker.runner.TrialRunners;

/**
 * A master and a node agent with CPU slots in one JVM, the agent talking to the master over HTTP on
 * loopback with the admin token: what {@code ./farm demo} and {@code ./farm bench campaign} run on.
 */
public final class LocalFarm implements AutoCloseable {

  private final MasterServer master;
  private final MasterClient client;
  private final Agent agent;
  private final String url;

  private LocalFarm(MasterServer master, MasterClient client, Agent agent, String url) {
    this.master = master;
    this.client = client;
    this.agent = agent;
    this.url = url;
  }

  /**
   * Starts a master with its data under {@code data} on HTTP port {@code port} (0: any free one)
   * and an agent {@code name} with {@code slots} CPU slots asking for work every {@code poll}; the
   * agent's untold results and checkpoints go under {@code data}.
   */
  public static LocalFarm start(Path data, int port, String name, int slots, Duration poll)
      throws IOException {
    int http = port == 0 ? freePort() : port;
    Files.createDirectories(data);
    MasterServer master =
        MasterServer.start(
            new MasterSettings(
                data,
                null,
                MemberSettings.loopback(name + "-" + http, freePort()),
                new ApiSettings("127.0.0.1", http, ApiSettings.DEFAULT_BODY_LIMIT, 1e6, 2e6),
                8,
                FarmSettings.defaults()),
            InstantSource.system());
    String url = "http://127.0.0.1:" + http;
    MasterClient client =
        new MasterClient(URI.create(url), Files.readString(master.adminTokenFile()).strip());
    Agent agent =
        Agent.start(
            new AgentSettings(
                name, Inventory.cpu(name, slots, 0), slots, poll, false, data.resolve("agent")),
            client,
            TrialRunners.standard(
                data.resolve("checkpoints"), TrialProcesses.takeOver(data.resolve("processes"))));
    return new LocalFarm(master, client, agent, url);
  }

  public MasterServer master() {
    return master;
  }

  public Agent agent() {
    return agent;
  }

  /** The master's HTTP address. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    agent.close();
    client.close();
    master.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
