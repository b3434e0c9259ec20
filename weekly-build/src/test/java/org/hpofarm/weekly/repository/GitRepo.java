package org.hpofarm.weekly.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository in a temporary directory that a test commits to, reached by file URL. */
public final class GitRepo implements AutoCloseable {

  private final Path dir;
  private final Git git;

  private GitRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** A new repository in {@code dir} whose branch is {@code main}. */
  public static GitRepo init(Path dir) throws GitAPIException {
    return new GitRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
  }

  public String url() {
    return dir.toUri().toString();
  }

  /** Writes {@code text} to {@code path} and commits it with {@code message}; returns its id. */
  public String commit(String message, String path, String text)
      throws IOException, GitAPIException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    git.add().addFilepattern(path).call();
    return commit(message);
  }

  /** Removes {@code path} and commits; returns the commit's id. */
  public String delete(String message, String path) throws GitAPIException {
    git.rm().addFilepattern(path).call();
    return commit(message);
  }

  /** Moves the branch back to {@code commit}, as a force push leaves it. */
  public void resetHard(String commit) throws GitAPIException {
    git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(commit).call();
  }

  private String commit(String message) throws GitAPIException {
    RevCommit c =
        git.commit()
            .setMessage(message)
            .setAuthor("Ada", "ada@example.org")
            .setCommitter("Ada", "ada@example.org")
            .setSign(false)
            .call();
    return c.name();
  }

  @Override
  public void close() {
    git.close();
  }
}
