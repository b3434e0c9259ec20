package org.hpofarm.master.sampler.cmaes;

import static org.hpofarm.master.core.Options.require;

import org.hpofarm.master.core.Options;

/**
 * The settings of the CMA-ES sampler, as read from a study's {@code sampler.options}.
 *
 * @param sigma0 initial step size in unit coordinates
 * @param popSize lambda, the trials per generation; 0 for {@code 4 + 3 ln n} (n numeric parameters)
 * @param nStartup trials before the first generation, random unless another sampler proposed them;
 *     the run starts at the best of them, or at the centre of the space when there are none
 * @param restarts {@code ipop} (restart with a doubled population when a run stalls) or {@code
 *     none}
 * @param minArrived share of a generation that must have finished before it updates
 * @param categoricalQuantile share of the best completed trials that vote for categorical choices
 */
public record CmaEsSettings(
    double sigma0,
    int popSize,
    int nStartup,
    String restarts,
    double minArrived,
    double categoricalQuantile) {

  /** The defaults, those of a study that gives no options. */
  public static final CmaEsSettings DEFAULTS = new CmaEsSettings(0.15, 0, 0, "ipop", 0.5, 0.25);

  public CmaEsSettings {
    require(sigma0 > 0 && sigma0 <= 1, "sampler.sigma0", "must be in (0, 1], got " + sigma0);
    checkPopSize(popSize);
    require(nStartup >= 0, "sampler.nStartup", "must be >= 0, got " + nStartup);
    checkRestarts(restarts);
    require(
        minArrived > 0 && minArrived <= 1,
        "sampler.minArrived",
        "must be in (0, 1], got " + minArrived);
    require(
        categoricalQuantile > 0 && categoricalQuantile <= 1,
        "sampler.categoricalQuantile",
        "must be in (0, 1], got " + categoricalQuantile);
  }

  /** Reads the options (every one optional), rejecting unknown names and bad values. */
  public static CmaEsSettings from(Options options) {
    options.allowOnly(
        "sigma0", "popSize", "nStartup", "restarts", "minArrived", "categoricalQuantile");
    CmaEsSettings d = DEFAULTS;
    return new CmaEsSettings(
        options.getDouble("sigma0", d.sigma0(), 1e-4, 1),
        checkPopSize(options.getInt("popSize", d.popSize(), 0, 10_000)),
        options.getInt("nStartup", d.nStartup(), 0, 1_000_000),
        checkRestarts(options.getString("restarts", d.restarts())),
        options.getDouble("minArrived", d.minArrived(), 0.01, 1),
        options.getDouble("categoricalQuantile", d.categoricalQuantile(), 0.01, 1));
  }

  /** Whether a stalled run restarts with a doubled population. */
  boolean ipop() {
    return restarts.equals("ipop");
  }

  private static int checkPopSize(int popSize) {
    require(
        popSize == 0 || popSize >= 2,
        "sampler.popSize",
        "must be 0 (automatic) or at least 2, got " + popSize);
    return popSize;
  }

  private static String checkRestarts(String restarts) {
    require(
        "ipop".equals(restarts) || "none".equals(restarts),
        "sampler.restarts",
        "must be ipop or none, got " + restarts);
    return restarts;
  }
}
