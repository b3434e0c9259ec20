package org.hpofarm.master.sampler;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.SearchSpace;

/** Independent uniform sampling of every parameter (log parameters uniform in log space). */
public final class RandomSampler implements Sampler {

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    RandomGenerator rng = seed.rng();
    return space.assemble(p -> p.distribution().fromUnit(rng.nextDouble()));
  }

  @Override
  public boolean readsHistory() {
    return false;
  }
}
