package org.hpofarm.sim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A Python interpreter that a benchmark's anchor script runs with, and the module the script needs
 * (Optuna, PyTorch) with the Debian package that brings it. The scripts themselves are class-path
 * resources of the benchmarks, extracted with {@link #script}.
 *
 * @param python the interpreter, usually Debian's {@code /usr/bin/python3}
 * @param module the module the script imports
 * @param packages the {@code apt-get install} arguments that provide it
 */
public record PythonAnchor(Path python, String module, String packages) {

  /** Why this interpreter cannot run the script (one line naming the fix), or empty if it can. */
  public Optional<String> unavailable() {
    String fix = " (apt-get install -y " + packages + ")";
    if (!Files.isExecutable(python)) {
      return Optional.of("no Python interpreter at " + python + fix);
    }
    try {
      Process p =
          new ProcessBuilder(python.toString(), "-c", "import " + module)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0
          ? Optional.empty()
          : Optional.of(python + " cannot import " + module + fix);
    } catch (IOException e) {
      return Optional.of(python + " does not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking " + python);
    }
  }

  /**
   * The resource {@code name} beside {@code owner}, copied to a temporary file that is deleted when
   * the JVM exits.
   */
  public static Path script(Class<?> owner, String name) throws IOException {
    Path file = Files.createTempFile(name.replace(".py", "-"), ".py");
    file.toFile().deleteOnExit();
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " missing from the class path");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
