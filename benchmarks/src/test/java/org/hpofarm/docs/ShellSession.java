package org.hpofarm.docs;

import java.util.List;

/**
 * One document's shell blocks as one bash script, as a reader would type them in order: {@code
 * background} blocks start in the background and the script goes on once they print a line; every
 * command must succeed ({@code curl} answers 2xx); at the end the background jobs get SIGTERM and
 * are waited for. Each block is announced on stderr as {@code @@ file:line}.
 */
final class ShellSession {

  private static final String PROLOGUE =
      """
      set -euo pipefail
      set -m
      curl() { command curl --fail-with-body --max-time 60 "$@"; }
      stop() {
        for job in $(jobs -p); do kill -TERM -- -"$job" 2>/dev/null || true; done
        wait || true
      }
      trap stop EXIT
      """;

  private ShellSession() {}

  /** The script of {@code blocks} (illustrative and non-shell blocks left out). */
  static String of(List<CodeBlock> blocks) {
    StringBuilder s = new StringBuilder(PROLOGUE);
    int background = 0;
    for (CodeBlock b : blocks) {
      if (!b.shell() || b.illustrative()) {
        continue;
      }
      s.append("echo '@@ ").append(b.where()).append("' >&2\n");
      if (!b.background()) {
        s.append(b.body()).append('\n');
        continue;
      }
      String out = ".background-" + ++background;
      s.append("(\n")
          .append(b.body())
          .append("\n) >")
          .append(out)
          .append(".out 2>")
          .append(out)
          .append(".err &\n")
          .append(
              """
              pid=$!
              for _ in $(seq 900); do
                [ -s OUT.out ] && break
                if ! kill -0 "$pid" 2>/dev/null; then
                  cat OUT.err >&2; echo "the background block ended before printing a line" >&2
                  exit 1
                fi
                sleep 0.2
              done
              [ -s OUT.out ] || { tail OUT.err >&2; echo "no line from the background block" >&2; exit 1; }
              """
                  .replace("OUT", out));
    }
    return s.toString();
  }
}
