package org.hpofarm.master.store;

import java.sql.DriverManager;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The clustered store durable in PostgreSQL. Runs when {@code farm.test.postgres} (system property)
 * or {@code FARM_TEST_POSTGRES} (environment) gives a JDBC URL; each run uses its own schema,
 * dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HazelcastPostgresStoreTest implements StudyStoreContract {
  private String url;
  private final String schema =
      "farm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String cluster = "test-" + UUID.randomUUID();
  private HazelcastStudyStore store;

  @BeforeAll
  void start() {
    url = TestPostgres.url();
    if (url == null) {
      System.err.println(
          "SKIPPED HazelcastPostgresStoreTest: set -Dfarm.test.postgres=jdbc:postgresql://... to run it");
    }
    Assumptions.assumeTrue(url != null, "farm.test.postgres not set");
    store = open();
  }

  private HazelcastStudyStore open() {
    return HazelcastStudyStore.start(
        MemberSettings.loopback(cluster, FreePort.pick()), Database.open(url, schema));
  }

  @AfterAll
  void stop() throws Exception {
    if (store == null) {
      return;
    }
    store.close();
    try (var c = DriverManager.getConnection(url);
        var st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
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
