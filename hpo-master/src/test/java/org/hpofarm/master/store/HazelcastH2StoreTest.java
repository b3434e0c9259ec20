package org.hpofarm.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The clustered store on one member, durable in an H2 file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HazelcastH2StoreTest implements StudyStoreContract {
  @TempDir static Path dir;
  private HazelcastStudyStore store;
  private final String cluster = "test-" + UUID.randomUUID();

  @BeforeAll
  void start() {
    store = open();
  }

  private int port;

  private HazelcastStudyStore open() {
    port = FreePort.pick();
    return HazelcastStudyStore.start(
        MemberSettings.loopback(cluster, port), Database.open(Database.h2Url(dir), null));
  }

  @Test
  void aHazelcastClientCannotConnectToAMember() {
    var config = new com.hazelcast.client.config.ClientConfig();
    config.setClusterName(cluster);
    config.getNetworkConfig().addAddress("127.0.0.1:" + port);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(3000);
    config.setProperty("hazelcast.logging.type", "slf4j");
    var refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> com.hazelcast.client.HazelcastClient.newHazelcastClient(config));
    assertTrue(refused.getMessage().contains("Unable to connect"), refused.getMessage());
  }

  @Test
  void aTokenRecordWrittenStraightIntoTheMapDoesNotAuthenticate() {
    var tokens = new org.hpofarm.master.auth.Tokens(store, java.time.InstantSource.system());
    String admin = "hpf_" + UUID.randomUUID();
    tokens.registerAdmin(admin);
    com.hazelcast.map.IMap<String, String> map = store.hazelcast().getMap("tokens");
    String genuine = map.get(org.hpofarm.master.auth.Tokens.hash(admin));

    String forged = "hpf_" + UUID.randomUUID();
    String forgedHash = org.hpofarm.master.auth.Tokens.hash(forged);
    for (String value : List.of("true||admin|||true", genuine, "true||admin|||true#bogus")) {
      try {
        map.set(forgedHash, value); // a member or anything else on the cluster's port
      } catch (RuntimeException refusedByTheMapStore) {
        // the write-through refused it: nothing stored
      }
      var fresh = new org.hpofarm.master.auth.Tokens(store, java.time.InstantSource.system());
      assertTrue(fresh.verify(forged).isEmpty(), "a forged record authenticates: " + value);
      map.evict(forgedHash);
      assertTrue(store.token(forgedHash).isEmpty(), "nor does it reach the database");
    }
    assertTrue(tokens.verify(admin).orElseThrow().admin(), "the genuine record still does");
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

  @Test
  void aTransitionTheDatabaseRefusesIsSetBackInTheMap() throws Exception {
    Study s = StudyStoreContract.newStudy("alice");
    store.createStudy(s);
    Trial t = Trial.running(store.nextNumber(s.id(), 0), Map.of("x", 0.5), "w", T0);
    store.insert(s.id(), t);
    Trial tooLong = t.fail("x".repeat(1_100_000), T0); // longer than the body column
    assertThrows(StoreFailed.class, () -> store.replace(s.id(), t, tooLong));
    assertEquals(Optional.of(t), store.trial(s.id(), t.number()));
    assertEquals(List.of(t), store.running(s.id()));
    Trial done = t.complete(List.of(1.0), T0);
    assertTrue(store.replace(s.id(), t, done), "the trial goes on from where it was");
  }
}
