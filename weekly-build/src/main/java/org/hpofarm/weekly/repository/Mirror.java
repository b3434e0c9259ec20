package org.hpofarm.weekly.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * A bare mirror of one branch of a repository, kept with JGit under the master's data directory:
 * fetched (force pushes included) when a push is reported or a poll is due, and asked what changed
 * between two commits, what a file holds at a commit, and for a checkout of a commit.
 */
public final class Mirror implements AutoCloseable {

  /** Commits whose message says this change nothing for the weekly build. */
  public static final String SKIP = "[skip hpo]";

  private final Repository git;
  private final String url;
  private final String branch;

  private Mirror(Repository git, String url, String branch) {
    this.git = git;
    this.url = url;
    this.branch = branch;
  }

  /** The mirror of {@code url}'s {@code branch} in {@code dir}, created bare when absent. */
  public static Mirror open(Path dir, String url, String branch) throws IOException {
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    if (!Files.exists(dir.resolve("HEAD"))) {
      repo.create(true);
      repo.updateRef(Constants.HEAD).link("refs/heads/" + branch); // what a clone of it checks out
    }
    return new Mirror(repo, url, branch);
  }

  /** Fetches the branch (a forced update when it was rewritten); returns its head commit. */
  public String fetch() throws IOException {
    String ref = "refs/heads/" + branch;
    try (Git g = Git.wrap(git)) {
      g.fetch().setRemote(url).setRefSpecs("+" + ref + ":" + ref).setRemoveDeletedRefs(true).call();
    } catch (GitAPIException e) {
      throw new IOException("fetch of " + url + " (" + branch + "): " + e.getMessage(), e);
    }
    ObjectId head = git.resolve(ref);
    if (head == null) {
      throw new IOException("branch " + branch + " not found in " + url);
    }
    return head.name();
  }

  /**
   * The paths changed from {@code since} (the last campaign's commit, or null for none) to {@code
   * head}: the changes of every commit since their common ancestor, leaving out commits whose
   * message says {@value #SKIP}, and, when {@code since} is no ancestor of {@code head} (a force
   * push), also what the rewrite took away since that ancestor.
   */
  public Changes changes(String since, String head) throws IOException {
    try (RevWalk walk = new RevWalk(git);
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(git);
      RevCommit to = walk.parseCommit(git.resolve(head));
      RevCommit from = since == null ? null : commit(walk, since);
      RevCommit base = from == null ? null : mergeBase(from, to);
      Set<String> paths = new LinkedHashSet<>();
      int commits = 0;
      int skipped = 0;
      walk.reset();
      walk.markStart(to);
      if (base != null) {
        walk.markUninteresting(walk.parseCommit(base));
      }
      for (RevCommit c : walk) { // an unknown "since" counts the whole history, as a first time
        commits++;
        if (c.getFullMessage().contains(SKIP)) {
          skipped++;
          continue;
        }
        RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        paths.addAll(changed(diff, parent, c));
      }
      if (from != null && base != null && !base.equals(from)) {
        paths.addAll(changed(diff, base, from)); // the rewrite undid these
      }
      return new Changes(since, head, List.copyOf(paths), commits, skipped);
    }
  }

  /** The text of {@code path} at {@code commit}, if the file is there. */
  public Optional<String> read(String commit, String path) throws IOException {
    try (RevWalk walk = new RevWalk(git);
        ObjectReader reader = git.newObjectReader()) {
      RevCommit c = walk.parseCommit(git.resolve(commit));
      try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
        if (tw == null) {
          return Optional.empty();
        }
        return Optional.of(
            new String(reader.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  /** A working tree of {@code commit} in {@code dir} (created; it must not exist yet). */
  public void checkout(String commit, Path dir) throws IOException {
    try (Git clone =
        Git.cloneRepository()
            .setURI(git.getDirectory().toURI().toString())
            .setDirectory(dir.toFile())
            .setBranch("refs/heads/" + branch)
            .setNoCheckout(true)
            .call()) {
      clone.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
    } catch (GitAPIException e) {
      throw new IOException("checkout of " + commit + ": " + e.getMessage(), e);
    }
  }

  private RevCommit commit(RevWalk walk, String id) throws IOException {
    ObjectId o = git.resolve(id);
    if (o == null || !git.getObjectDatabase().has(o)) {
      return null;
    }
    return walk.parseCommit(o);
  }

  private RevCommit mergeBase(RevCommit a, RevCommit b) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      return walk.next();
    }
  }

  private static List<String> changed(DiffFormatter diff, RevCommit from, RevCommit to)
      throws IOException {
    return diff.scan(from == null ? null : from.getTree(), to.getTree()).stream()
        .map(
            e -> e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath())
        .toList();
  }

  @Override
  public void close() {
    git.close();
  }
}
