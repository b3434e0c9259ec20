package org.hpofarm.worker.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link CommandRunner} starts for a trial.
 *
 * @param argv the argument vector
 * @param env extra environment variables
 * @param workdir the working directory, or null for the trial's own fresh one
 * @param timeoutSeconds the most the process may run, 0 for no limit
 */
public record Launch(
    List<String> argv, Map<String, String> env, Path workdir, long timeoutSeconds) {

  public Launch {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv: must not be empty");
    }
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  /**
   * The launch a {@code command} executor describes: {@code command} (a string run with {@code sh
   * -c}, or an array: the argument vector), optional {@code workdir}, {@code env} and {@code
   * timeoutSeconds}. Errors name the field.
   */
  public static Launch of(JsonNode executor) {
    return new Launch(argv(executor), env(executor), workdir(executor), timeout(executor));
  }

  private static List<String> argv(JsonNode executor) {
    JsonNode c = executor.get("command");
    if (c == null || c.isNull()) {
      throw new IllegalArgumentException("executor.command: missing (a string or an array)");
    }
    if (c.isTextual()) {
      if (c.textValue().isBlank()) {
        throw new IllegalArgumentException("executor.command: must not be blank");
      }
      return List.of("sh", "-c", c.textValue());
    }
    if (!c.isArray() || c.isEmpty()) {
      throw new IllegalArgumentException(
          "executor.command: must be a string or a non-empty array of strings");
    }
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      if (!c.get(i).isTextual()) {
        throw new IllegalArgumentException("executor.command[" + i + "]: must be a string");
      }
      argv.add(c.get(i).textValue());
    }
    return argv;
  }

  /**
   * Variables a trial may not set: the loader's and the shell's search paths and start-up hooks,
   * the JVM's and Python's injected options, the devices a slice confines it to, and the protocol's
   * own {@code FARM_*} variables.
   */
  private static final java.util.regex.Pattern REFUSED =
      java.util.regex.Pattern.compile(
          "LD_.*|PATH|IFS|ENV|BASH_ENV|SHELLOPTS|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS"
              + "|PYTHON.*|PERL5.*|RUBYOPT|NODE_OPTIONS|CUDA_VISIBLE_DEVICES|NVIDIA_VISIBLE_DEVICES"
              + "|FARM_.*");

  /**
   * The extra environment of a {@code command} executor: an object of strings whose names are not
   * {@link #REFUSED}. Errors name the field.
   */
  public static Map<String, String> env(JsonNode executor) {
    JsonNode e = executor.get("env");
    if (e == null || e.isNull()) {
      return Map.of();
    }
    if (!e.isObject()) {
      throw new IllegalArgumentException("executor.env: must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    e.fields()
        .forEachRemaining(
            f -> {
              if (REFUSED.matcher(f.getKey()).matches()) {
                throw new IllegalArgumentException(
                    "executor.env."
                        + f.getKey()
                        + ": may not be set (loader, search path, start-up hook, device or"
                        + " protocol variable)");
              }
              if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                throw new IllegalArgumentException(
                    "executor.env." + f.getKey() + ": must be a string");
              }
              out.put(f.getKey(), f.getValue().asText());
            });
    return out;
  }

  private static Path workdir(JsonNode executor) {
    JsonNode w = executor.get("workdir");
    if (w == null || w.isNull()) {
      return null;
    }
    if (!w.isTextual() || !Files.isDirectory(Path.of(w.textValue()))) {
      throw new IllegalArgumentException("executor.workdir: not a directory: " + w);
    }
    return Path.of(w.textValue());
  }

  private static long timeout(JsonNode executor) {
    JsonNode t = executor.get("timeoutSeconds");
    if (t == null || t.isNull()) {
      return 0;
    }
    if (!t.isIntegralNumber() || t.longValue() < 1) {
      throw new IllegalArgumentException(
          "executor.timeoutSeconds: must be a positive integer, got " + t);
    }
    return t.longValue();
  }
}
