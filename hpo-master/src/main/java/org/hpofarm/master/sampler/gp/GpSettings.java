package org.hpofarm.master.sampler.gp;

import static org.hpofarm.master.core.Options.require;

import java.util.List;
import org.hpofarm.master.core.Options;

/**
 * The settings of the Gaussian-process sampler, as read from a study's {@code sampler.options}.
 *
 * @param nStartup completed trials before the model is used (start-up points from Sobol), or -1 for
 *     2 per parameter + 2, between 4 and 10
 * @param maxHistory most completed trials the GP is trained on (the best half plus a random rest)
 * @param fitHistory most trials the hyperparameters are fitted on
 * @param candidates Sobol candidates per ask (scaled down beyond 100 training points)
 * @param fitStarts starts of the marginal-likelihood fit (one once the history is capped)
 * @param fitEvaluations likelihood evaluations per start
 * @param pending how pending trials are imputed: {@code believer} (the posterior mean), {@code
 *     min}, {@code mean} or {@code max} of the targets
 * @param transform how losses become targets: {@code standard} or {@code rank} (normal scores)
 * @param globalEvery every n-th ask searches the whole cube rather than the trust region (0: never)
 * @param trustRadius trust-region half-width in units of the mean length scale
 */
public record GpSettings(
    int nStartup,
    int maxHistory,
    int fitHistory,
    int candidates,
    int fitStarts,
    int fitEvaluations,
    String pending,
    String transform,
    int globalEvery,
    double trustRadius) {

  /** The defaults, those of a study that gives no options. */
  public static final GpSettings DEFAULTS =
      new GpSettings(-1, 200, 64, 1024, 2, 40, "believer", "standard", 0, 0.1);

  public GpSettings {
    require(nStartup >= -1, "sampler.nStartup", "must be >= -1 (-1: automatic), got " + nStartup);
    require(maxHistory >= 10, "sampler.maxHistory", "must be >= 10, got " + maxHistory);
    require(fitHistory >= 10, "sampler.fitHistory", "must be >= 10, got " + fitHistory);
    require(candidates >= 16, "sampler.candidates", "must be >= 16, got " + candidates);
    require(fitStarts >= 1, "sampler.fitStarts", "must be >= 1, got " + fitStarts);
    require(fitEvaluations >= 5, "sampler.fitEvaluations", "must be >= 5, got " + fitEvaluations);
    checkPending(pending);
    checkTransform(transform);
    require(globalEvery >= 0, "sampler.globalEvery", "must be >= 0, got " + globalEvery);
    require(
        trustRadius > 0 && trustRadius <= 1,
        "sampler.trustRadius",
        "must be in (0, 1], got " + trustRadius);
  }

  /** Reads the options (every one optional), rejecting unknown names and bad values. */
  public static GpSettings from(Options options) {
    options.allowOnly(
        "nStartup",
        "maxHistory",
        "fitHistory",
        "candidates",
        "fitStarts",
        "fitEvaluations",
        "pending",
        "transform",
        "globalEvery",
        "trustRadius");
    GpSettings d = DEFAULTS;
    return new GpSettings(
        options.getInt("nStartup", d.nStartup(), -1, 10_000),
        options.getInt("maxHistory", d.maxHistory(), 10, 2_000),
        options.getInt("fitHistory", d.fitHistory(), 10, 2_000),
        options.getInt("candidates", d.candidates(), 16, 1 << 16),
        options.getInt("fitStarts", d.fitStarts(), 1, 20),
        options.getInt("fitEvaluations", d.fitEvaluations(), 5, 1_000),
        checkPending(options.getString("pending", d.pending())),
        checkTransform(options.getString("transform", d.transform())),
        options.getInt("globalEvery", d.globalEvery(), 0, 1_000),
        options.getDouble("trustRadius", d.trustRadius(), 0.001, 1));
  }

  private static String checkPending(String pending) {
    require(
        pending != null && List.of("believer", "min", "mean", "max").contains(pending),
        "sampler.pending",
        "must be believer, min, mean or max, got '" + pending + "'");
    return pending;
  }

  private static String checkTransform(String transform) {
    Targets.parse(transform);
    return transform;
  }
}
