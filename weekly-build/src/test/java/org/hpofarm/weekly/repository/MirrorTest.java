package org.hpofarm.weekly.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror of a real repository made in a temporary directory, fetched through a file URL. */
class MirrorTest {

  @Test
  void changesSinceACommitLeaveOutSkippedCommits(@TempDir Path dir) throws Exception {
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        Mirror mirror = Mirror.open(dir.resolve("mirror.git"), origin.url(), "main")) {
      String first = origin.commit("start", "hpo/campaign.json", "{\"name\": \"calo\"}");
      assertEquals(first, mirror.fetch());
      Changes all = mirror.changes(null, first);
      assertEquals(List.of("hpo/campaign.json"), all.paths());
      assertEquals(1, all.commits());

      origin.commit("a model change", "models/vae.py", "x = 1");
      origin.commit("typo [skip hpo]", "README.md", "hello");
      String head = origin.commit("another", "models/gan.py", "y = 2");
      assertEquals(head, mirror.fetch());
      Changes since = mirror.changes(first, head);
      assertEquals(List.of("models/gan.py", "models/vae.py"), since.paths());
      assertEquals(3, since.commits());
      assertEquals(1, since.skipped());
      assertEquals(Optional.of("{\"name\": \"calo\"}"), mirror.read(head, "hpo/campaign.json"));
      assertEquals(Optional.empty(), mirror.read(head, "nope.txt"));
    }
  }

  @Test
  void aForcePushCountsWhatTheRewriteTookAwayAndAddedFromTheCommonAncestor(@TempDir Path dir)
      throws Exception {
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        Mirror mirror = Mirror.open(dir.resolve("mirror.git"), origin.url(), "main")) {
      String base = origin.commit("start", "hpo/campaign.json", "{}");
      String campaigned = origin.commit("tuned", "models/old.py", "old");
      assertEquals(campaigned, mirror.fetch());
      origin.resetHard(base);
      String rewritten = origin.commit("rewritten", "models/new.py", "new");
      assertEquals(rewritten, mirror.fetch(), "the mirror follows the forced update");
      Changes c = mirror.changes(campaigned, rewritten);
      assertEquals(List.of("models/new.py", "models/old.py"), c.paths());
    }
  }

  @Test
  void aCheckoutHoldsTheCommitsFilesAndAMissingBranchIsAClearError(@TempDir Path dir)
      throws Exception {
    try (GitRepo origin = GitRepo.init(dir.resolve("origin"));
        Mirror mirror = Mirror.open(dir.resolve("mirror.git"), origin.url(), "main");
        Mirror wrong = Mirror.open(dir.resolve("wrong.git"), origin.url(), "dev")) {
      String one = origin.commit("one", "train.py", "print(1)");
      origin.commit("two", "train.py", "print(2)");
      mirror.fetch();
      mirror.checkout(one, dir.resolve("work"));
      assertEquals("print(1)", Files.readString(dir.resolve("work/train.py")));
      IOException e = assertThrows(IOException.class, wrong::fetch);
      assertTrue(e.getMessage().contains("dev"), e.getMessage());
    }
  }
}
