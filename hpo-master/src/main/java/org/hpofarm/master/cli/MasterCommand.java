package org.hpofarm.master.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.master.api.ApiSettings;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.api.MasterSettings;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.MemberSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./farm master}: runs the master service until stopped. */
@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    description = "Run the master service: HTTP API, optimisers, clustered durable state.")
public final class MasterCommand implements Callable<Integer> {

  @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(names = "--host", description = "HTTP bind address (default ${DEFAULT-VALUE})")
  String host = "0.0.0.0";

  @Option(
      names = "--data",
      description = "data directory: admin token, default H2 database (default ${DEFAULT-VALUE})")
  Path data = Path.of("farm-data");

  @Option(
      names = "--db",
      description =
          "database URL, e.g. jdbc:postgresql://host:5432/farm?user=farm (default: H2 file under --data)")
  String db;

  @Option(names = "--hz-port", description = "Hazelcast member port (default ${DEFAULT-VALUE})")
  int hzPort = 5701;

  @Option(
      names = "--hz-host",
      description = "address the Hazelcast member binds and announces (default ${DEFAULT-VALUE})")
  String hzHost = "127.0.0.1";

  @Option(
      names = "--members",
      split = ",",
      description = "other masters to join, host:port,... (default: none, a cluster of one)")
  List<String> members = List.of();

  @Option(names = "--cluster", description = "cluster name (default ${DEFAULT-VALUE})")
  String cluster = "hpofarm";

  @Option(
      names = "--instances",
      description = "HTTP verticle instances on virtual threads (default ${DEFAULT-VALUE})")
  int instances = 64;

  @Option(
      names = "--rate-limit",
      description = "requests per second per token (default ${DEFAULT-VALUE}; burst twice that)")
  double rateLimit = 20_000;

  @Option(
      names = "--body-limit",
      description = "largest request body in bytes (default ${DEFAULT-VALUE})")
  int bodyLimit = ApiSettings.DEFAULT_BODY_LIMIT;

  @Option(
      names = "--simulate-farm",
      paramLabel = "SPEC",
      description =
          "add an in-process agent on a simulated farm whose trials run on this machine's CPU,"
              + " e.g. cpu:1:2 or a100-40gb:25:7x1g.5gb (default: none)")
  String simulateFarm;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "serve HTTPS with this PEM certificate (chain); with --tls-key")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key")
  Path tlsKey;

  @Spec CommandSpec spec;

  private ApiSettings.Tls tls() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "tls-cert: give both --tls-cert and --tls-key");
    }
    if (tlsCert == null) {
      return null;
    }
    for (Path p : List.of(tlsCert, tlsKey)) {
      if (!Files.isReadable(p)) {
        throw new ParameterException(
            spec.commandLine(), (p == tlsCert ? "tls-cert" : "tls-key") + ": cannot read " + p);
      }
    }
    return new ApiSettings.Tls(tlsCert, tlsKey);
  }

  @Override
  public Integer call() throws Exception {
    FreePorts.require(spec, "port", host, port);
    FreePorts.require(spec, "hz-port", hzHost, hzPort);
    if (db == null && Database.h2InUse(data)) {
      throw new ParameterException(
          spec.commandLine(),
          "data: the database in "
              + data
              + " is open in another master; give another directory with --data");
    }
    List<String> others = members.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (!others.isEmpty()) {
      String self = hzHost + ":" + hzPort;
      if (!others.contains(self)) {
        others = new java.util.ArrayList<>(others);
        others.add(self);
      }
    }
    var settings =
        new MasterSettings(
            data,
            db,
            new MemberSettings(cluster, hzHost, hzPort, others),
            new ApiSettings(host, port, bodyLimit, rateLimit, 2 * rateLimit, tls()),
            instances,
            org.hpofarm.master.farm.FarmSettings.defaults().simulating(simulateFarm));
    MasterServer server = MasterServer.start(settings, InstantSource.system());
    System.out.println(
        "master listening on " + settings.api().scheme() + "://" + host + ":" + port);
    System.out.println("admin token: " + server.adminTokenFile().toAbsolutePath());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    int code = FarmCommandLine.execute(new MasterCommand(), args);
    if (code != 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.exit(code);
    }
  }
}
