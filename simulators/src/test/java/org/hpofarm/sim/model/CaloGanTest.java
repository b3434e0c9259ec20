package org.hpofarm.sim.model;

class CaloGanTest implements ShowerModelContract {

  @Override
  public String modelName() {
    return CaloGan.NAME;
  }
}
