package org.hpofarm.master.dashboard;

import java.util.List;
import java.util.Map;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.worker.runner.Outcome;

/**
 * Fills a study with finished trials through the study service (fast enough for 20,000): of every
 * ten trials, number 7 is pruned and number 9 fails, the rest complete with {@code (x - 0.3)^2 +
 * 0.1 y (+ 0.2 when c = b)}; the first {@code reporting} trials report three intermediate values
 * first (reports run the pruner over the whole history, so a large study reports on few).
 */
final class StudyFiller {

  /** The search space the filled studies use. */
  static final String SPACE =
      "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1},"
          + " \"y\": {\"type\": \"int\", \"low\": 1, \"high\": 5},"
          + " \"c\": {\"type\": \"categorical\", \"choices\": [\"a\", \"b\"]}}";

  private StudyFiller() {}

  /** The body of a study named {@code name} over {@link #SPACE}, seeded from its name. */
  static String spec(String name) {
    return "{\"name\": "
        + org.hpofarm.master.api.MasterFixture.JSON.valueToTree(name)
        + ", \"space\": "
        + SPACE
        + ", \"sampler\": {\"type\": \"random\", \"seed\": "
        + (name.hashCode() & 0xffff)
        + "}}";
  }

  static void fill(StudyService service, String study, int trials, int reporting) {
    int done = 0;
    while (done < trials) {
      List<Trial> batch = service.ask(study, Math.min(1000, trials - done), "w");
      for (Trial t : batch) {
        int n = done++;
        if (n < reporting) {
          for (int step = 0; step < 3; step++) {
            service.report(study, t.number(), step, objective(t.params()) + 1.0 / (step + 1));
          }
        }
        Outcome outcome =
            switch (n % 10) {
              case 7 -> new Outcome.Pruned();
              case 9 -> new Outcome.Failed("diverged");
              default -> new Outcome.Values(List.of(objective(t.params())));
            };
        service.tell(study, t.number(), outcome);
      }
    }
  }

  /** The complete trials among the first {@code n}. */
  static int complete(int n) {
    return n - pruned(n) - failed(n);
  }

  static int pruned(int n) {
    return n / 10 + (n % 10 > 7 ? 1 : 0);
  }

  static int failed(int n) {
    return n / 10;
  }

  static double objective(Map<String, Object> p) {
    double x = ((Number) p.get("x")).doubleValue();
    long y = ((Number) p.get("y")).longValue();
    return (x - 0.3) * (x - 0.3) + 0.1 * y + ("b".equals(p.get("c")) ? 0.2 : 0);
  }
}
