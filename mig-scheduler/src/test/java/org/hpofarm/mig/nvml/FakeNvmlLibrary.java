package org.hpofarm.mig.nvml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the fake {@code libnvidia-ml.so.1} from {@code src/test/c/fake_nvml.c} with gcc, once per
 * test run, into {@code target/fake-nvml/}.
 */
final class FakeNvmlLibrary {
  private static final Path SOURCE = Path.of("src/test/c/fake_nvml.c");
  private static final Path OUTPUT = Path.of("target/fake-nvml/libnvidia-ml.so.1");
  private static Optional<Path> built;

  private FakeNvmlLibrary() {}

  /** The built library, or empty when no gcc is installed. */
  static synchronized Optional<Path> path() throws IOException, InterruptedException {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static Optional<Path> build() throws IOException, InterruptedException {
    if (!gccPresent()) {
      return Optional.empty();
    }
    Files.createDirectories(OUTPUT.getParent());
    Process gcc =
        new ProcessBuilder(
                "gcc", "-shared", "-fPIC", "-O1", "-o", OUTPUT.toString(), SOURCE.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(gcc.getInputStream().readAllBytes());
    if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      throw new IllegalStateException("gcc failed to build the fake NVML library:\n" + log);
    }
    return Optional.of(OUTPUT.toAbsolutePath());
  }

  private static boolean gccPresent() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
