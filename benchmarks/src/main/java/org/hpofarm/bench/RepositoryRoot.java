package org.hpofarm.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The root of the project's checkout (the directory of the {@code farm} launcher), found from the
 * {@code farm.root} system property, from where this code was loaded, or from the working
 * directory.
 */
final class RepositoryRoot {

  private RepositoryRoot() {}

  /** The root, if one of the candidate places is inside a checkout. */
  static Optional<Path> find() {
    List<Path> starts = new ArrayList<>();
    String property = System.getProperty("farm.root");
    if (property != null && !property.isBlank()) {
      starts.add(Path.of(property));
    }
    try {
      starts.add(
          Path.of(
              RepositoryRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source: rely on the working directory
    }
    starts.add(Path.of("").toAbsolutePath());
    return starts.stream().map(RepositoryRoot::above).flatMap(Optional::stream).findFirst();
  }

  /** The nearest directory at or above {@code start} holding the launcher and the root pom. */
  static Optional<Path> above(Path start) {
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("farm")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
