package org.hpofarm.sim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared anchor scripts: an explicit directory, else {@code shared/anchors} above the
 * working directory.
 */
public final class AnchorScript {

  private AnchorScript() {}

  public static Optional<Path> find(Path explicitDir, String script) {
    if (explicitDir != null) {
      Path p = explicitDir.resolve(script);
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared").resolve("anchors").resolve(script);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
