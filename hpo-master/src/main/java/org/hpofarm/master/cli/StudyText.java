package org.hpofarm.master.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Studies as people read them in a terminal: {@code farm study list} as a table, {@code farm study
 * show} as a summary with a sparkline of the best value so far. Pure: JSON answers in, text out.
 */
final class StudyText {

  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final int SPARK_WIDTH = 40;

  private StudyText() {}

  /** The {@code GET /api/v1/studies} answer as a table, one study per line. */
  static String table(JsonNode list) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "NAME", "OWNER", "SAMPLER", "PRUNER", "EXECUTOR", "CREATED"});
    for (JsonNode s : list.path("studies")) {
      rows.add(
          new String[] {
            s.path("id").asText(),
            s.path("name").asText(),
            s.path("owner").asText(),
            s.at("/sampler/type").asText("auto"),
            s.at("/pruner/type").asText("none"),
            s.at("/executor/kind").asText("-"),
            s.path("created").asText()
          });
    }
    StringBuilder out = new StringBuilder(columns(rows));
    out.append(rows.size() - 1)
        .append(" of ")
        .append(list.path("total").asInt())
        .append(" studies\n");
    return out.toString();
  }

  /**
   * The {@code GET /api/v1/studies/{id}} answer, with the study's trials ({@code GET .../trials},
   * in number order), as a few lines: what it is, its counts, its best trial and how the best value
   * moved.
   */
  static String summary(JsonNode study, JsonNode trials) {
    StringBuilder out = new StringBuilder();
    String direction = study.path("direction").asText("minimize");
    out.append("study ")
        .append(study.path("id").asText())
        .append(" \"")
        .append(study.path("name").asText())
        .append("\" of ")
        .append(study.path("owner").asText())
        .append(": ")
        .append(study.has("directions") ? study.path("directions").toString() : direction)
        .append(", sampler ")
        .append(study.at("/sampler/type").asText("auto"))
        .append(", pruner ")
        .append(study.at("/pruner/type").asText("none"))
        .append(", executor ")
        .append(study.at("/executor/kind").asText("-"))
        .append('\n');
    List<String> counts = new ArrayList<>();
    study
        .path("counts")
        .fields()
        .forEachRemaining(e -> counts.add(e.getValue().asInt() + " " + e.getKey()));
    out.append("trials: ").append(String.join(", ", counts)).append('\n');
    JsonNode best = study.path("best");
    if (best.isObject()) {
      out.append("best: trial ")
          .append(best.path("number").asInt())
          .append(", value ")
          .append(number(best.path("value").asDouble()))
          .append(", params ")
          .append(best.path("params").toString())
          .append('\n');
    } else if (best.isArray() && !best.isEmpty()) {
      out.append("Pareto front: ").append(best.size()).append(" trials\n");
    } else {
      out.append("best: none yet\n");
    }
    String spark = sparkline(bestSoFar(trials, direction.equals("maximize")));
    if (!spark.isEmpty()) {
      out.append("best so far: ").append(spark).append('\n');
    }
    return out.toString();
  }

  /** The best value after each COMPLETE trial, in number order (single objective). */
  static List<Double> bestSoFar(JsonNode trials, boolean maximize) {
    List<Double> out = new ArrayList<>();
    double best = Double.NaN;
    for (JsonNode t : trials.path("trials")) {
      if (!t.path("state").asText().equals("COMPLETE") || !t.path("value").isNumber()) {
        continue;
      }
      double v = t.path("value").asDouble();
      if (Double.isNaN(best) || (maximize ? v > best : v < best)) {
        best = v;
      }
      out.add(best);
    }
    return out;
  }

  /** The last {@value #SPARK_WIDTH} values as bars from lowest to highest ("" when empty). */
  static String sparkline(List<Double> values) {
    List<Double> tail = values.subList(Math.max(0, values.size() - SPARK_WIDTH), values.size());
    double lo = tail.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = tail.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (double v : tail) {
      int i = hi > lo ? (int) Math.round((v - lo) / (hi - lo) * (BARS.length() - 1)) : 0;
      out.append(BARS.charAt(i));
    }
    if (!tail.isEmpty()) {
      out.append("  ").append(number(tail.getFirst())).append(" → ").append(number(tail.getLast()));
    }
    return out.toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static String columns(List<String[]> rows) {
    int[] width = new int[rows.getFirst().length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
