package org.hpofarm.master.store;

/**
 * The PostgreSQL the tests may use: {@code farm.test.postgres} (system property) or {@code
 * FARM_TEST_POSTGRES} (environment), a JDBC URL; null when neither is set.
 */
public final class TestPostgres {

  private TestPostgres() {}

  public static String url() {
    String url = System.getProperty("farm.test.postgres");
    if (url == null || url.isBlank()) {
      url = System.getenv("FARM_TEST_POSTGRES");
    }
    return url == null || url.isBlank() ? null : url;
  }
}
