package org.hpofarm.master.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The clustered store on one member, durable in an H2 file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HazelcastH2StoreTest implements StudyStoreContract {
  private Path dir;
  private HazelcastStudyStore store;
  private final String cluster = "test-" + UUID.randomUUID();

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("farm-h2");
    store = open();
  }

  private HazelcastStudyStore open() {
    return HazelcastStudyStore.start(
        MemberSettings.loopback(cluster, FreePort.pick()),
        Database.open(Database.h2Url(dir), null));
  }

  @AfterAll
  void stop() {
    store.close();
  }

  @Override
  public StudyStore store() {
    return store;
  }

  @Override
  public Optional<StudyStore> reopen() {
    store.close();
    store = open();
    return Optional.of(store);
  }
}
