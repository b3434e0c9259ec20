package org.hpofarm.master.sampler.auto;

import java.util.Map;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SobolSampler;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.sampler.cmaes.CmaEsSampler;
import org.hpofarm.master.sampler.evolution.EvolutionSampler;
import org.hpofarm.master.sampler.gp.GpSampler;
import org.hpofarm.master.sampler.tpe.TpeSampler;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.TrialState;

/**
 * The default sampler: chooses, at every ask, which sampler proposes the next trial from the shape
 * of the space and the state of the study, and delegates to it.
 *
 * <p>The rule, first match wins ({@link #choose}):
 *
 * <ol>
 *   <li>several objectives: {@code evolution} (non-dominated sorting keeps a Pareto front);
 *   <li>fewer finished trials (complete or pruned) than the start-up count (2 per parameter + 2,
 *       between 4 and 10): {@code sobol};
 *   <li>more pruned than completed trials: {@code tpe} (it ranks pruned trials by how far they got
 *       and their last value; the GP and CMA-ES learn from completed trials only);
 *   <li>more categorical than numeric parameters, or more than {@code gpMaxDims} GP input
 *       coordinates (one-hot categoricals included): {@code tpe};
 *   <li>more than {@code gpMaxTrials} completed trials: {@code cmaes} when every parameter is
 *       numeric, {@code tpe} otherwise;
 *   <li>otherwise {@code gp}.
 * </ol>
 */
public final class AutoSampler implements Sampler {

  /*
   * Design notes.
   *
   * The choice is a pure function of (space, history): the sampler keeps no state, so every master
   * member and every replay of the study makes the same choice for the same ask, and a switch takes
   * effect at the first ask where its condition holds. Every delegate reads the whole history,
   * whoever proposed it, so a switch hands over everything learnt so far (CMA-ES starts its run at
   * the best trial of the history; TPE and the GP model all completed trials).
   *
   * Why this order. With few trials on a small, flat space a Gaussian process is the most sample-
   * efficient model (Snoek et al. 2012; Turner et al. 2021, the analysis of the NeurIPS 2020
   * black-box optimisation challenge), and the
   * farm's GP measured best on the reference functions (docs/optimisers.md). Its weaknesses decide
   * the exceptions: a stationary kernel on one-hot codes models mostly-categorical spaces poorly,
   * where TPE's per-parameter densities are natural (Bergstra et al. 2011); its
   * cost grows with dimension and history (capped, but the cap loses information), where CMA-ES
   * keeps improving cheaply on numeric spaces (Hansen 2016; Loshchilov and Hutter 2016 found it
   * competitive for larger, parallel budgets); and it models one objective, where NSGA-II-style selection is the standard for a
   * front (Deb et al. 2002). The Sobol start-up gives every model an even first sample.
   *
   * A pruner at work (ASHA stops most trials after a step or two) leaves the GP a handful of
   * completed trials to learn from; TPE also learns from the pruned ones, ranked as Optuna ranks
   * them (further first, then by last value), which is the pairing Optuna recommends (TPE with
   * Hyperband/ASHA). Measured on the farm's own workload: `farm bench campaign`, where auto with
   * ASHA had spent its whole budget in the Sobol start-up because it waited for completed trials.
   *
   * Conditional spaces go to the GP too (inactive parameters encoded as a fixed value): a first
   * rule sent them to TPE, and on the held-out conditional_mlp function (100 trials, 10 seeds)
   * auto then had median regret 0.3 where gp alone had 1e-6.
   *
   * Extending: add a case to choose() and its delegate to the constructor; the rule is documented
   * in docs/optimisers.md ("auto").
   */

  /** Which sampler proposes a trial, and why. */
  public record Choice(String type, String reason) {}

  private final int gpMaxDims;
  private final int gpMaxTrials;
  private final Sampler sobol = new SobolSampler();
  private final Sampler gp = new GpSampler();
  private final Sampler tpe = new TpeSampler();
  private final Sampler cmaes = new CmaEsSampler();
  private final Sampler evolution = new EvolutionSampler();

  /** An auto sampler with the default settings. */
  public AutoSampler() {
    this(AutoSettings.DEFAULTS);
  }

  /** An auto sampler with these settings. */
  public AutoSampler(AutoSettings settings) {
    gpMaxDims = settings.gpMaxDims();
    gpMaxTrials = settings.gpMaxTrials();
  }

  /** The start-up trial count for a space of {@code parameters} parameters. */
  public static int startupTrials(int parameters) {
    return Math.max(4, Math.min(10, 2 * parameters + 2));
  }

  /** The sampler that proposes the next trial of this study, and why. */
  public Choice choose(SearchSpace space, History history) {
    if (history.isMultiObjective()) {
      return new Choice("evolution", "several objectives");
    }
    int completed = history.completed().size();
    int pruned =
        (int) history.trials().stream().filter(t -> t.state() == TrialState.PRUNED).count();
    int startup = startupTrials(space.size());
    if (completed + pruned < startup) {
      return new Choice(
          "sobol", "start-up: " + (completed + pruned) + " of " + startup + " trials finished");
    }
    if (pruned > completed) {
      return new Choice("tpe", pruned + " pruned against " + completed + " completed trials");
    }
    int numeric = 0;
    int categorical = 0;
    int dims = 0;
    for (Parameter p : space.parameters()) {
      if (p.distribution() instanceof Categorical c) {
        categorical++;
        dims += c.choices().size();
      } else {
        numeric++;
        dims++;
      }
    }
    if (categorical > numeric) {
      return new Choice("tpe", categorical + " categorical against " + numeric + " numeric");
    }
    if (dims > gpMaxDims) {
      return new Choice("tpe", dims + " GP input coordinates, above " + gpMaxDims);
    }
    if (completed > gpMaxTrials) {
      return categorical == 0
          ? new Choice("cmaes", completed + " trials, above " + gpMaxTrials)
          : new Choice("tpe", completed + " trials, above " + gpMaxTrials);
    }
    return new Choice("gp", "flat space of " + dims + " coordinates, " + completed + " trials");
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    Sampler delegate =
        switch (choose(space, history).type()) {
          case "evolution" -> evolution;
          case "sobol" -> sobol;
          case "tpe" -> tpe;
          case "cmaes" -> cmaes;
          default -> gp;
        };
    return delegate.sample(space, history, seed);
  }
}
