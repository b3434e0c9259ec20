package org.hpofarm.weekly.relevance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which changed paths matter to a repository's workload: globs such as {@code models/**} or {@code
 * !**}{@code /*.md}, read in order, the last one that matches a path deciding (a {@code !} glob
 * excludes), as in a {@code .gitignore}. A path no glob matches does not matter.
 *
 * <p>Globs: {@code **} any number of directories (none included), {@code *} any characters but
 * {@code /}, {@code ?} one character but {@code /}; everything else stands for itself.
 */
public final class PathFilter {

  private record Rule(String glob, Pattern pattern, boolean include) {}

  private final List<Rule> rules;

  private PathFilter(List<Rule> rules) {
    this.rules = rules;
  }

  /** A filter of {@code globs}; throws naming {@code paths[i]} for a blank or malformed one. */
  public static PathFilter of(List<String> globs) {
    if (globs.isEmpty()) {
      throw new IllegalArgumentException("paths: give at least one glob, e.g. [\"**\"]");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < globs.size(); i++) {
      String g = globs.get(i);
      boolean include = !g.startsWith("!");
      String glob = include ? g : g.substring(1);
      if (glob.isBlank() || glob.startsWith("/") || glob.contains("//")) {
        throw new IllegalArgumentException(
            "paths["
                + i
                + "]: must be a relative glob such as models/** or !docs/**, got '"
                + g
                + "'");
      }
      rules.add(new Rule(g, regex(glob), include));
    }
    return new PathFilter(List.copyOf(rules));
  }

  /** The globs as given. */
  public List<String> globs() {
    return rules.stream().map(Rule::glob).toList();
  }

  /** Whether a change of {@code path} (relative to the repository's root) matters. */
  public boolean matches(String path) {
    boolean matched = false;
    for (Rule r : rules) {
      if (r.pattern().matcher(path).matches()) {
        matched = r.include();
      }
    }
    return matched;
  }

  /** The paths of {@code changed} that matter, in their order. */
  public List<String> relevant(List<String> changed) {
    return changed.stream().filter(this::matches).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathFilter f && f.globs().equals(globs());
  }

  @Override
  public int hashCode() {
    return globs().hashCode();
  }

  @Override
  public String toString() {
    return globs().toString();
  }

  private static Pattern regex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean wholeSegment =
            (i == 0 || glob.charAt(i - 1) == '/')
                && (i + 2 == glob.length() || glob.charAt(i + 2) == '/');
        if (wholeSegment && i + 2 < glob.length()) {
          re.append("(?:.*/)?"); // "**/": any directories, none included
          i += 2;
        } else {
          re.append(".*");
          i += 1;
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
