package org.hpofarm.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a Markdown document: where it starts, its language and flags (the words
 * after the language in its info string, such as {@code illustrative} or {@code background}), and
 * its text.
 *
 * @param where the document and the line of the opening fence, e.g. {@code docs/api.md:12}
 * @param language the info string's first word, empty when there is none
 * @param flags the info string's other words
 * @param body the block's lines
 */
record CodeBlock(String where, String language, Set<String> flags, String body) {

  /** Not run; its {@code ./farm} lines are only checked to parse. */
  static final String ILLUSTRATIVE = "illustrative";

  /** Run in the background (a master); the next blocks run once it has printed a line. */
  static final String BACKGROUND = "background";

  private static final Pattern FENCE = Pattern.compile("^```(.*)$");

  /** The blocks of {@code file}, named relative to {@code root}. */
  static List<CodeBlock> of(Path root, Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<CodeBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException(root.relativize(file) + ":" + (i + 1) + ": unclosed fence");
      }
      List<String> info = Arrays.stream(open.group(1).strip().split("\\s+")).toList();
      blocks.add(
          new CodeBlock(
              root.relativize(file) + ":" + (i + 1),
              info.get(0),
              new LinkedHashSet<>(info.subList(1, info.size())),
              String.join("\n", lines.subList(i + 1, end))));
      i = end;
    }
    return blocks;
  }

  /** A shell example ({@code bash} or {@code sh}). */
  boolean shell() {
    return language.equals("bash") || language.equals("sh");
  }

  /** Marked as not run. */
  boolean illustrative() {
    return flags.contains(ILLUSTRATIVE);
  }

  /** A shell example that runs in the background. */
  boolean background() {
    return flags.contains(BACKGROUND);
  }

  /**
   * The body's logical lines that start a {@code ./farm} command (continuation lines joined),
   * without the {@code ./farm} itself.
   */
  List<String> farmCommands() {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String raw : body.split("\n")) {
      if (raw.endsWith("\\")) {
        line.append(raw, 0, raw.length() - 1).append(' ');
        continue;
      }
      line.append(raw);
      String logical = line.toString().strip();
      line.setLength(0);
      if (logical.startsWith("./farm ") || logical.equals("./farm")) {
        out.add(logical.substring("./farm".length()).strip());
      }
    }
    return out;
  }
}
