package org.hpofarm.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the {@code ./farm} launcher script runs: its subcommands and their main classes. */
final class FarmLauncher {

  private static final Pattern ENTRY = Pattern.compile("\\[([a-z-]+)]=(org\\.hpofarm\\.[\\w.]+)");

  private FarmLauncher() {}

  /** Subcommand → main class, read from the script's {@code main} table. */
  static Map<String, String> mainClasses(Path script) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(Files.readString(script));
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(script + ": no main table");
    }
    return out;
  }
}
