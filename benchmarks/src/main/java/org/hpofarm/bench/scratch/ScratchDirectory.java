package org.hpofarm.bench.scratch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A temporary directory for a benchmark's own master or farm, deleted with all it holds on close.
 *
 * @param path the directory
 */
public record ScratchDirectory(Path path) implements AutoCloseable {

  /** A new directory in the system's temporary directory, its name starting with {@code prefix}. */
  public static ScratchDirectory create(String prefix) throws IOException {
    return new ScratchDirectory(Files.createTempDirectory(prefix));
  }

  @Override
  public void close() throws IOException {
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
