package org.hpofarm.master.store;

class MemoryStudyStoreTest implements StudyStoreContract {
  private final MemoryStudyStore store = new MemoryStudyStore();

  @Override
  public StudyStore store() {
    return store;
  }
}
