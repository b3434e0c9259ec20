package org.hpofarm.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.hpofarm.mig.window.Interval;
import org.hpofarm.weekly.campaign.Campaign;
import org.hpofarm.weekly.campaign.Studies;
import org.hpofarm.weekly.campaign.WeeklyStore;
import org.hpofarm.weekly.repository.Changes;
import org.hpofarm.weekly.repository.Mirror;
import org.hpofarm.weekly.repository.RepositorySpec;
import org.hpofarm.weekly.webhook.Delivery;
import org.hpofarm.weekly.webhook.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly build: takes the watched repositories' webhook deliveries (checked, each taken once)
 * during the week, mirrors them, and when a repository's weekend window opens and relevant paths
 * changed since its last campaign, turns its campaign file at the branch head into a study with a
 * reservation of the repository's share of the farm; when the window ends, it closes the campaign.
 * {@link #tick} does what is due at the injected clock's time; the master calls it every few
 * seconds.
 */
public final class WeeklyBuild implements AutoCloseable {

  /** The largest webhook body taken; a larger one is refused (413). */
  public static final int MAX_BODY = 25 * 1024 * 1024;

  /** How many of the previous campaign's best trials a new campaign starts from. */
  static final int WARM_START = 5;

  private static final Logger LOG = LoggerFactory.getLogger(WeeklyBuild.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WeeklyStore store;
  private final Studies studies;
  private final Path dataDir;
  private final InstantSource clock;
  private final ExecutorService fetches = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, Instant> polled = new ConcurrentHashMap<>();
  private final Map<String, String> foundIrrelevant = new ConcurrentHashMap<>();
  private final Set<String> reserved = ConcurrentHashMap.newKeySet();

  /** How a delivery was taken. */
  public enum Receipt {
    /** A ping, or a push of the watched branch (its mirror is fetched in the background). */
    ACCEPTED,
    /** A delivery id taken before: nothing done again. */
    REPEAT,
    /** Another branch or event: nothing to do. */
    IGNORED
  }

  /** A delivery whose signature does not hold for any watched repository: 401, nothing kept. */
  public static final class Unauthorized extends RuntimeException {
    Unauthorized(String message) {
      super(message);
    }
  }

  /** A campaign that cannot start now (one already runs this week): 409. */
  public static final class CampaignExists extends RuntimeException {
    CampaignExists(String message) {
      super(message);
    }
  }

  public WeeklyBuild(WeeklyStore store, Studies studies, Path dataDir, InstantSource clock) {
    this.store = store;
    this.studies = studies;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  public void register(RepositorySpec repository) {
    store.putRepository(repository);
  }

  public List<RepositorySpec> repositories() {
    return store.repositories();
  }

  public Optional<RepositorySpec> repository(String name) {
    return store.repository(name);
  }

  public boolean remove(String name) {
    return store.deleteRepository(name);
  }

  /**
   * Takes a webhook delivery of {@code forge} for the repository named {@code name} (or, when null,
   * the one the payload names): checks its signature with the repository's secret, takes each
   * delivery id once, and fetches the mirror in the background after a push of the watched branch.
   *
   * @throws Unauthorized when no watched repository's secret signs it
   * @throws IllegalArgumentException when the body is no JSON object or the forge is unknown
   */
  public Receipt receive(String forge, String name, Function<String, String> header, byte[] body) {
    Delivery d = Delivery.parse(forge, header, body);
    Optional<RepositorySpec> found =
        name != null
            ? store.repository(name)
            : store.repositories().stream().filter(r -> d.isAbout(r.url())).findFirst();
    RepositorySpec r =
        found
            .filter(x -> x.secret() != null && signed(forge, x.secret(), header, body))
            .orElseThrow(
                () ->
                    new Unauthorized(
                        "signature: missing, or not made with the secret of the repository the"
                            + " delivery names"));
    if (!store.firstDelivery(forge, d.id())) {
      return Receipt.REPEAT;
    }
    if (d.event().equals("ping")) {
      return Receipt.ACCEPTED;
    }
    if (!d.event().equals("push") || !("refs/heads/" + r.branch()).equals(d.ref())) {
      return Receipt.IGNORED;
    }
    fetches.execute(() -> fetchQuietly(r));
    return Receipt.ACCEPTED;
  }

  private static boolean signed(
      String forge, String secret, Function<String, String> header, byte[] body) {
    return switch (forge) {
      case "github" -> Signatures.github(secret, body, header.apply("X-Hub-Signature-256"));
      case "gitea" ->
          Signatures.gitea(
              secret,
              body,
              Optional.ofNullable(header.apply("X-Gitea-Signature"))
                  .orElse(header.apply("X-Forgejo-Signature")));
      case "gitlab" -> Signatures.gitlab(secret, header.apply("X-Gitlab-Token"));
      default -> false;
    };
  }

  /**
   * Does what is due now: fetches the polled repositories whose period has passed, starts the
   * campaign of each repository whose window is open and that has relevant changes and no campaign
   * this week, and closes the campaigns whose window has ended.
   */
  public void tick() {
    Instant now = clock.instant();
    for (RepositorySpec r : store.repositories()) {
      try {
        if (r.pollMinutes() > 0
            && polled
                    .getOrDefault(r.name(), Instant.MIN)
                    .plusSeconds(60L * r.pollMinutes())
                    .compareTo(now)
                <= 0) {
          polled.put(r.name(), now);
          fetch(r);
        }
        Optional<Interval> window = r.window().containing(now);
        if (window.isPresent()) {
          String week = week(window.get().start(), r.window().zone());
          if (campaign(r.name(), week).isEmpty()) {
            start(r, week, window.get().end(), false);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("weekly build: {}: {}", r.name(), e.toString());
      }
    }
    for (Campaign c : store.campaigns()) {
      if (c.state() == Campaign.State.RUNNING
          && c.study() != null
          && now.isBefore(c.until())
          && reserved.add(c.study())) {
        // a campaign started before this master did (a restart): its reservation again
        store
            .repository(c.repository())
            .ifPresent(r -> studies.reserve(c.study(), r.share(), c.started(), c.until()));
      }
      if (c.state() == Campaign.State.RUNNING && !now.isBefore(c.until())) {
        if (c.study() != null) {
          studies.close(c.study());
        }
        store.updateCampaign(c.closed());
        LOG.info("weekly build: campaign {} {} closed", c.repository(), c.week());
      }
    }
  }

  /**
   * Starts a campaign of repository {@code name} now, whatever changed, reserving its share until
   * the end of the window in progress or else of the next one.
   *
   * @throws CampaignExists when the repository has a campaign this week already
   */
  public Campaign force(String name) throws IOException {
    RepositorySpec r =
        store
            .repository(name)
            .orElseThrow(() -> new IllegalArgumentException("repository '" + name + "' not found"));
    Instant now = clock.instant();
    Interval window = r.window().containing(now).orElseGet(() -> r.window().next(now));
    String week = week(now, r.window().zone());
    if (campaign(name, week).isPresent()) {
      throw new CampaignExists("repository '" + name + "' has a campaign for " + week + " already");
    }
    return start(r, week, window.end(), true)
        .orElseThrow(
            () ->
                new CampaignExists(
                    "repository '"
                        + name
                        + "' has a campaign for "
                        + week
                        + " already (started"
                        + " meanwhile, at its window's start or by another master)"));
  }

  private Optional<Campaign> start(RepositorySpec r, String week, Instant until, boolean force)
      throws IOException {
    synchronized (locks.computeIfAbsent(r.name(), k -> new Object())) {
      String head;
      Optional<Campaign> last;
      Changes changes;
      try (Mirror m = mirror(r)) {
        head = m.fetch();
        String key = r.name() + " " + week;
        if (!force && head.equals(foundIrrelevant.get(key))) {
          return Optional.empty(); // checked before, nothing pushed since
        }
        last = lastWithCommit(r.name());
        changes = m.changes(last.map(Campaign::to).orElse(null), head);
        List<String> relevant = r.paths().relevant(changes.paths());
        if (!force && relevant.isEmpty()) {
          foundIrrelevant.put(key, head);
          LOG.info("weekly build: {} {}: nothing relevant changed", r.name(), week);
          return Optional.empty();
        }
        Campaign pending =
            new Campaign(
                r.name(),
                week,
                Campaign.State.RUNNING,
                changes.from(),
                head,
                relevant,
                null,
                null,
                clock.instant(),
                until);
        if (!store.addCampaign(pending)) {
          return Optional.empty(); // another master took this week
        }
        Campaign started;
        try {
          String study = studies.create(studyOf(r, m, head, week, until), r.owner());
          studies.reserve(study, r.share(), clock.instant(), until);
          reserved.add(study);
          last.map(Campaign::study).ifPresent(previous -> warmStart(previous, study));
          started = withStudy(pending, study, null);
        } catch (IllegalArgumentException | IOException e) {
          started = withStudy(pending, null, e.getMessage()).failed();
        }
        store.updateCampaign(started);
        LOG.info(
            "weekly build: campaign {} {} {}{}",
            r.name(),
            week,
            started.state(),
            started.error() == null ? "" : ": " + started.error());
        return Optional.of(started);
      }
    }
  }

  /**
   * The study a campaign runs: the campaign file at {@code head}, named {@code <name> <week>}, its
   * executor's trials placed only until the window's end ({@code executor.until}); a {@code
   * command} executor runs in a checkout of {@code head} (its {@code workdir}, if any, taken inside
   * it).
   */
  private ObjectNode studyOf(RepositorySpec r, Mirror m, String head, String week, Instant until)
      throws IOException {
    String text =
        m.read(head, r.campaignFile())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "campaignFile: " + r.campaignFile() + " not found at " + head));
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("campaignFile: not valid JSON (" + r.campaignFile() + ")");
    }
    if (parsed == null || !parsed.isObject()) {
      throw new IllegalArgumentException("campaignFile: must hold a JSON object (a study)");
    }
    ObjectNode spec = (ObjectNode) parsed;
    spec.put("name", spec.path("name").asText(r.name()) + " " + week);
    if (spec.path("executor").isObject()) {
      ((ObjectNode) spec.get("executor")).put("until", until.toString());
    }
    if (spec.path("executor").path("kind").asText("").equals("command")) {
      Path checkout = dataDir.resolve("checkouts").resolve(r.name()).resolve(head);
      if (!Files.exists(checkout)) {
        m.checkout(head, checkout);
      }
      ObjectNode executor = (ObjectNode) spec.get("executor");
      String workdir = executor.path("workdir").asText("");
      Path inside = checkout.resolve(workdir).normalize();
      if (!inside.startsWith(checkout)) {
        throw new IllegalArgumentException("executor.workdir: must stay inside the repository");
      }
      executor.put("workdir", inside.toString());
    }
    return spec;
  }

  private void warmStart(String previous, String study) {
    int taken = 0;
    for (Map<String, Object> params : studies.best(previous, WARM_START)) {
      if (studies.enqueue(study, params)) {
        taken++;
      }
    }
    LOG.info("weekly build: {} starts from {} best trials of {}", study, taken, previous);
  }

  /**
   * Every campaign, newest first, each with its figures ({@code summary}: best value, trials run,
   * slice-hours) and the repository's previous campaign's ({@code previous}, with its week and
   * study, or null) and the {@code improvement} of the best value over it (positive is better, null
   * when either has none).
   */
  public List<ObjectNode> campaigns() {
    List<Campaign> all = new ArrayList<>(store.campaigns());
    all.sort(Comparator.comparing(Campaign::started));
    Map<String, ObjectNode> previous = new HashMap<>();
    List<ObjectNode> out = new ArrayList<>();
    for (Campaign c : all) {
      ObjectNode n = c.toJson();
      ObjectNode before = previous.get(c.repository());
      n.set("previous", before);
      n.putNull("summary");
      n.putNull("improvement");
      if (c.study() != null) {
        Studies.Summary s = studies.summary(c.study());
        ObjectNode figures = n.putObject("summary");
        number(figures, "best", s.best());
        figures.put("trials", s.trials()).put("sliceHours", s.sliceHours());
        if (before != null) {
          double was = before.path("best").isNumber() ? before.path("best").asDouble() : Double.NaN;
          number(n, "improvement", (s.minimize() ? 1 : -1) * (was - s.best()));
        }
        previous.put(
            c.repository(), figures.deepCopy().put("week", c.week()).put("study", c.study()));
      }
      out.add(n);
    }
    return out.reversed();
  }

  /** Puts a finite number, or null for NaN (JSON has no NaN). */
  private static void number(ObjectNode n, String field, double value) {
    if (Double.isFinite(value)) {
      n.put(field, value);
    } else {
      n.putNull(field);
    }
  }

  private Optional<Campaign> campaign(String repository, String week) {
    return store.campaigns().stream()
        .filter(c -> c.repository().equals(repository) && c.week().equals(week))
        .findFirst();
  }

  private Optional<Campaign> lastWithCommit(String repository) {
    return store.campaigns().stream()
        .filter(c -> c.repository().equals(repository) && c.state() != Campaign.State.FAILED)
        .max(Comparator.comparing(Campaign::started));
  }

  private static Campaign withStudy(Campaign c, String study, String error) {
    return new Campaign(
        c.repository(),
        c.week(),
        c.state(),
        c.from(),
        c.to(),
        c.relevant(),
        study,
        error,
        c.started(),
        c.until());
  }

  /** The ISO week of {@code t} in {@code zone}, e.g. {@code 2026-W48}. */
  static String week(Instant t, ZoneId zone) {
    LocalDate d = t.atZone(zone).toLocalDate();
    return String.format(
        "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private Mirror mirror(RepositorySpec r) throws IOException {
    return Mirror.open(dataDir.resolve("mirrors").resolve(r.name() + ".git"), r.url(), r.branch());
  }

  private void fetch(RepositorySpec r) throws IOException {
    synchronized (locks.computeIfAbsent(r.name(), k -> new Object())) {
      try (Mirror m = mirror(r)) {
        m.fetch();
      }
    }
  }

  private void fetchQuietly(RepositorySpec r) {
    try {
      fetch(r);
    } catch (IOException | RuntimeException e) {
      LOG.warn("weekly build: fetch of {}: {}", r.name(), e.toString());
    }
  }

  @Override
  public void close() {
    fetches.shutdownNow();
  }
}
