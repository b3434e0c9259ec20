package org.hpofarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

  @Test
  void theRootIsTheNearestDirectoryWithTheLauncherAndTheRootPom(@TempDir Path dir)
      throws IOException {
    Path root = dir.resolve("checkout");
    Path jar = root.resolve("benchmarks/target/benchmarks.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(root.resolve("farm"), "");
    Files.writeString(root.resolve("pom.xml"), "");
    Files.writeString(root.resolve("benchmarks/pom.xml"), "");
    Files.writeString(jar, "");
    assertEquals(Optional.of(root), RepositoryRoot.above(jar));
    assertEquals(Optional.of(root), RepositoryRoot.above(root));
  }

  @Test
  void noRootOutsideACheckout(@TempDir Path dir) {
    assertTrue(RepositoryRoot.above(dir).isEmpty());
  }

  @Test
  void thisBuildRunsInsideACheckout() {
    Path root = RepositoryRoot.find().orElseThrow();
    assertTrue(Files.isRegularFile(root.resolve("farm")));
  }
}
