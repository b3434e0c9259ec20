package org.hpofarm.master.pruner;

import org.hpofarm.master.core.Direction;

class NonePrunerTest implements PrunerContract {
  @Override
  public Pruner pruner(Direction direction) {
    return new NonePruner();
  }

  @Override
  public int firstPrunableStep() {
    return Integer.MAX_VALUE;
  }

  @Override
  public boolean prunes() {
    return false;
  }
}
