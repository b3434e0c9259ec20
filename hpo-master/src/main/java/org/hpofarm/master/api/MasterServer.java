package org.hpofarm.master.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.auth.AdminToken;
import org.hpofarm.master.auth.DataDirectory;
import org.hpofarm.master.auth.RateLimiter;
import org.hpofarm.master.auth.Tokens;
import org.hpofarm.master.campaign.CampaignStudies;
import org.hpofarm.master.dashboard.DashboardRoutes;
import org.hpofarm.master.dashboard.FarmUsage;
import org.hpofarm.master.dashboard.TrialEvents;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.master.metrics.MasterMeters;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.HazelcastStudyStore;
import org.hpofarm.master.store.JdbcWeeklyStore;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.weekly.WeeklyBuild;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.agent.AgentSettings;
import org.hpofarm.worker.agent.MasterClient;
import org.hpofarm.worker.runner.TrialProcesses;
import org.hpofarm.worker.runner.TrialRunners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running master: its database, cluster member, study service, lease sweeper and HTTP API,
 * started together and closed together.
 */
public final class MasterServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MasterServer.class);

  /** How often the weekly build looks for windows that open or close and repositories to poll. */
  static final java.time.Duration WEEKLY_TICK = java.time.Duration.ofSeconds(10);

  private final Vertx vertx;
  private final HazelcastStudyStore store;
  private final StudyService service;
  private final ScheduledExecutorService sweeper;
  private final Path adminToken;
  private final int port;
  private final java.util.List<String> routes;
  private final FarmService farm;
  private final Agent agent;
  private final WeeklyBuild weekly;

  private MasterServer(
      Vertx vertx,
      HazelcastStudyStore store,
      StudyService service,
      ScheduledExecutorService sweeper,
      Path adminToken,
      int port,
      java.util.List<String> routes,
      FarmService farm,
      Agent agent,
      WeeklyBuild weekly) {
    this.weekly = weekly;
    this.routes = routes;
    this.farm = farm;
    this.agent = agent;
    this.vertx = vertx;
    this.store = store;
    this.service = service;
    this.sweeper = sweeper;
    this.adminToken = adminToken;
    this.port = port;
  }

  /** Starts a master; returns once it serves HTTP. */
  public static MasterServer start(MasterSettings settings, InstantSource clock) {
    try {
      DataDirectory.create(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("data: cannot create " + settings.dataDir() + ": " + e, e);
    }
    String url = settings.dbUrl() == null ? Database.h2Url(settings.dataDir()) : settings.dbUrl();
    HazelcastStudyStore store =
        HazelcastStudyStore.start(settings.member(), Database.open(url, null));
    StudyService service =
        new StudyService(
            store, clock, () -> UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    service.leases().restore();
    Tokens tokens = new Tokens(store, clock);
    Path adminToken = AdminToken.ensure(settings.dataDir(), tokens);
    FarmService farm = new FarmService(service, clock, settings.farm());
    WeeklyBuild weekly =
        new WeeklyBuild(
            new JdbcWeeklyStore(store.database()),
            new CampaignStudies(service, farm),
            settings.dataDir().resolve("weekly"),
            clock);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FunctionCounter.builder("farm.token.lookups", tokens, Tokens::lookups)
        .description("token lookups that reached the store (the rest were remembered)")
        .register(registry);
    FunctionCounter.builder("farm.store.failures", store.database(), Database::failures)
        .description("database calls that failed (unreachable or refused)")
        .register(registry);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    ApiSettings api = settings.api();
    Authenticator auth =
        new Authenticator(
            tokens, new RateLimiter(api.ratePerSecond(), api.rateBurst(), clock), clock);
    StudyRoutes studies = new StudyRoutes(service);
    FarmUsage usage = new FarmUsage(farm, clock);
    TrialEvents events = new TrialEvents(id -> service.find(id).map(s -> s.owner()).orElse(null));
    MasterMeters meters = new MasterMeters(registry, service, store, farm);
    store.watchTrials(
        (study, before, after) -> {
          events.publish(study, after);
          meters.changed(before, after);
        });
    var routes =
        new ApiVerticle.Routes(
            auth,
            studies,
            new TrialRoutes(service, studies),
            new TokenRoutes(tokens),
            new HopaasRoutes(service, auth),
            new OpsRoutes(store::member, store::clusterSize, () -> store.database().reachable()),
            PrometheusScrapingHandler.create(registry),
            new FarmRoutes(farm),
            new WeeklyRoutes(weekly, service),
            new DashboardRoutes(service, store, farm, usage, events, Authenticator::caller));
    var verticles = new java.util.concurrent.CopyOnWriteArrayList<ApiVerticle>();
    try {
      Future.await(
          vertx.deployVerticle(
              () -> {
                ApiVerticle v = new ApiVerticle(api, routes);
                verticles.add(v);
                return v;
              },
              new DeploymentOptions()
                  .setThreadingModel(ThreadingModel.VIRTUAL_THREAD)
                  .setInstances(settings.instances())));
    } catch (RuntimeException e) {
      vertx.close();
      weekly.close();
      store.close();
      throw e;
    }
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lease-sweeper").unstarted(r));
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            int lost = service.leases().expire();
            if (lost > 0) {
              meters.leasesLost(lost);
              LOG.info("{} trial(s) lost their lease", lost);
            }
          } catch (RuntimeException e) {
            LOG.warn("lease sweep failed: {}", e.toString());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            weekly.tick();
          } catch (RuntimeException e) {
            LOG.warn("weekly build: {}", e.toString());
          }
        },
        WEEKLY_TICK.toSeconds(),
        WEEKLY_TICK.toSeconds(),
        TimeUnit.SECONDS);
    sweeper.scheduleAtFixedRate(
        usage::sample, 0, FarmUsage.EVERY_SECONDS, TimeUnit.SECONDS); // the dashboard's chart
    Agent agent = simulatedAgent(settings, api, adminToken);
    LOG.info(
        "master serving {}://{}:{} (member {}, admin token in {})",
        api.scheme(),
        api.host(),
        api.port(),
        store.member(),
        adminToken);
    return new MasterServer(
        vertx,
        store,
        service,
        sweeper,
        adminToken,
        api.port(),
        verticles.get(0).routeList(),
        farm,
        agent,
        weekly);
  }

  public int port() {
    return port;
  }

  public Path adminTokenFile() {
    return adminToken;
  }

  /** The routes served, as {@code METHOD /path/{param}}. */
  public java.util.List<String> routes() {
    return routes;
  }

  public StudyService service() {
    return service;
  }

  public HazelcastStudyStore store() {
    return store;
  }

  public FarmService farm() {
    return farm;
  }

  /** The weekly build (its {@link WeeklyBuild#tick} also runs every ten seconds). */
  public WeeklyBuild weeklyBuild() {
    return weekly;
  }

  /**
   * The agent on a simulated farm that {@code --simulate-farm} asks for: the same agent as a node's
   * ({@code hpo-worker}), talking to this master over HTTP on loopback with the admin token, its
   * trials run on this machine's CPU; null when none is asked for. It runs {@code djl} trials only:
   * a {@code command} trial would run a user's code as the master's OS user, next to the admin
   * token.
   */
  private static Agent simulatedAgent(MasterSettings settings, ApiSettings api, Path adminToken) {
    FarmSettings farm = settings.farm();
    if (farm.simulate() == null) {
      return null;
    }
    String host =
        api.host().equals("0.0.0.0") || api.host().equals("::") ? "127.0.0.1" : api.host();
    try {
      String token = Files.readString(adminToken).strip();
      return Agent.start(
          new AgentSettings(
              "simulated",
              FarmDescription.parse(farm.simulate()),
              farm.parallelism(),
              farm.poll(),
              true,
              null),
          new MasterClient(
              List.of(URI.create(api.scheme() + "://" + host + ":" + api.port())),
              token,
              api.tls() == null ? null : api.tls().cert()),
          TrialRunners.standard(
                  settings.dataDir().resolve("checkpoints"),
                  TrialProcesses.takeOver(settings.dataDir().resolve("processes")))
              .without("command"));
    } catch (IOException e) {
      throw new UncheckedIOException("simulated agent: " + e.getMessage(), e);
    }
  }

  /** The in-process simulated agent, or null when the master runs without one. */
  public Agent simulatedAgent() {
    return agent;
  }

  /**
   * Stops this master abruptly, as a crash would: its cluster member leaves without handing over
   * its partitions (the others promote their backups) and its HTTP server goes away.
   */
  public void crash() {
    if (agent != null) {
      agent.close();
    }
    sweeper.shutdownNow();
    weekly.close();
    store.hazelcast().getLifecycleService().terminate();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing http: {}", e.toString());
    }
    store.close();
  }

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
    sweeper.shutdownNow();
    weekly.close();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing http: {}", e.toString());
    }
    store.close();
  }
}
