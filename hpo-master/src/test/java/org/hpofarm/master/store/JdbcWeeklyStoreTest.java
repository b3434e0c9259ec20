package org.hpofarm.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hpofarm.weekly.campaign.Campaign;
import org.hpofarm.weekly.repository.RepositorySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly build's records in H2 and in PostgreSQL (when {@code FARM_TEST_POSTGRES} names one):
 * kept across a reopening, the secret included; a delivery and a (repository, week) campaign taken
 * once.
 */
class JdbcWeeklyStoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RepositorySpec repository(String name, double share) throws Exception {
    return RepositorySpec.fromJson(
        JSON.readTree(
            "{\"name\": \""
                + name
                + "\", \"url\": \"https://git.example.org/calo.git\", \"secret\": \"calo-webhook-secret-26\","
                + " \"paths\": [\"models/**\"], \"campaignFile\": \"hpo/campaign.json\","
                + " \"window\": {\"start\": \"FRI 20:00\", \"end\": \"MON 06:00\", \"zone\":"
                + " \"Europe/Rome\"}, \"share\": "
                + share
                + "}"),
        "alice");
  }

  private static Campaign campaign(String week, Campaign.State state) {
    return new Campaign(
        "calo",
        week,
        state,
        null,
        "4eb87cd61d616573639645d862c8c3d4187fba85",
        List.of("models/vae.py"),
        "s1",
        null,
        Instant.parse("2026-12-04T19:00:00Z"),
        Instant.parse("2026-12-07T05:00:00Z"));
  }

  private static void contract(String url, String schema) throws Exception {
    try (Database db = Database.open(url, schema)) {
      JdbcWeeklyStore store = new JdbcWeeklyStore(db);
      store.putRepository(repository("calo", 0.25));
      store.putRepository(repository("calo", 0.5)); // replaced, not added
      assertTrue(store.firstDelivery("github", "d1"));
      assertFalse(store.firstDelivery("github", "d1"));
      assertTrue(store.firstDelivery("gitlab", "d1"), "ids are per forge");
      assertTrue(store.addCampaign(campaign("2026-W49", Campaign.State.RUNNING)));
      assertFalse(store.addCampaign(campaign("2026-W49", Campaign.State.RUNNING)));
    }
    try (Database db = Database.open(url, schema)) {
      JdbcWeeklyStore store = new JdbcWeeklyStore(db);
      RepositorySpec kept = store.repository("calo").orElseThrow();
      assertEquals(0.5, kept.share());
      assertEquals("calo-webhook-secret-26", kept.secret());
      assertEquals("alice", kept.owner());
      assertEquals(1, store.repositories().size());
      assertFalse(store.firstDelivery("github", "d1"), "kept across a restart");
      store.updateCampaign(campaign("2026-W49", Campaign.State.RUNNING).closed());
      assertEquals(List.of(campaign("2026-W49", Campaign.State.CLOSED)), store.campaigns());
      assertTrue(store.deleteRepository("calo"));
      assertFalse(store.deleteRepository("calo"));
      assertEquals(1, store.campaigns().size(), "a removed repository's campaigns stay");
    }
  }

  @Test
  void h2KeepsTheWeeklyBuildsRecords(@TempDir Path dir) throws Exception {
    contract(Database.h2Url(dir), null);
  }

  @Test
  void postgresKeepsTheWeeklyBuildsRecords() throws Exception {
    String url = TestPostgres.url();
    Assumptions.assumeTrue(url != null, "FARM_TEST_POSTGRES not set");
    String schema = "weekly_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try {
      contract(url, schema);
    } finally {
      try (var c = DriverManager.getConnection(url);
          var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
