package org.hpofarm.master.sampler;

class RandomSamplerTest implements SamplerContract {
  @Override
  public Sampler sampler(long seed) {
    return new RandomSampler();
  }
}
