package org.hpofarm.master.sampler.evolution;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

/**
 * A steady-state evolutionary optimiser with NSGA-II selection: each new trial is the child of two
 * parents chosen by tournament from the elite of all completed trials (non-dominated rank, then
 * crowding distance), by crossover and per-distribution mutation. Serves one or several objectives.
 *
 * <p>Configured by {@link EvolutionSettings}.
 */
public final class EvolutionSampler implements Sampler {

  /*
   * Design notes.
   *
   * Lineage: the genetic optimiser of mpi_opt (population, tournament, crossover, mutation per
   * parameter kind) with the selection of NSGA-II (Deb et al., IEEE TEVC 6(2), 2002) so that the
   * same sampler serves several objectives.
   *
   * Statelessness and asynchrony: instead of generations (which a pure sampler would have to
   * reconstruct, and which stall while stragglers run), the population is recomputed at every ask
   * as the popSize best of all completed trials: an elitist (mu + 1) steady-state scheme. A result
   * that arrives late simply enters the elite if it deserves to; pending trials do not block
   * anything. Each child draws from its own random stream (study seed + trial number), so
   * simultaneous asks give different children; an exact repeat of an existing trial is redrawn.
   *
   * FAILED and PRUNED trials, and completed ones with a non-finite objective, are never parents.
   * Cost per ask: peeling fronts until popSize members are found, O(M N popSize) for N completed
   * trials, then O(params) for the child.
   */

  private static final int REDRAWS = 32;

  private final int popSize;
  private final int nStartup;
  private final int tournament;
  private final Variation variation;

  /** A sampler with the default settings. */
  public EvolutionSampler() {
    this(EvolutionSettings.DEFAULTS);
  }

  /** A sampler with these settings. */
  public EvolutionSampler(EvolutionSettings settings) {
    this.popSize = settings.popSize();
    this.nStartup = settings.nStartup();
    this.tournament = settings.tournament();
    this.variation =
        new Variation(
            settings.crossoverProb(),
            settings.eta(),
            settings.mutationProb(),
            settings.mutationScale());
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    RandomGenerator rng = seed.rng();
    Population population = seed.number() < nStartup ? null : Population.select(history, popSize);
    boolean random = population == null || population.size() < 2;
    Map<String, Double> spread = random ? Map.of() : spread(space, population);
    Map<String, Object> params = null;
    for (int attempt = 0; attempt <= REDRAWS; attempt++) {
      if (random) {
        params = space.assemble(p -> p.distribution().fromUnit(rng.nextDouble()));
      } else {
        Trial a = population.tournament(tournament, rng).trial();
        Trial b = population.tournament(tournament, rng).trial();
        params = variation.child(space, a.params(), b.params(), spread, rng);
      }
      if (!history.hasPoint(params)) {
        break;
      }
    }
    return params;
  }

  /** Standard deviation of each numeric parameter over the population, in unit coordinates. */
  private static Map<String, Double> spread(SearchSpace space, Population population) {
    Map<String, Double> out = new HashMap<>();
    for (Parameter p : space.parameters()) {
      if (p.distribution() instanceof Categorical) {
        continue;
      }
      double sum = 0;
      double sumSq = 0;
      int count = 0;
      for (Population.Member m : population.members()) {
        Object v = m.trial().params().get(p.name());
        if (v != null) {
          double u = p.distribution().toUnit(v);
          sum += u;
          sumSq += u * u;
          count++;
        }
      }
      if (count >= 2) {
        double mean = sum / count;
        out.put(p.name(), Math.sqrt(Math.max(0, sumSq / count - mean * mean)));
      }
    }
    return out;
  }
}
