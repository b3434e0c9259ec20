package org.hpofarm.bench.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hpofarm.bench.BenchCommand;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Time to quality: the slice-seconds arithmetic, and a short real run. */
class CampaignCommandTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private static Trial trial(int n, TrialState state, double value, int from, int to) {
    return new Trial(
        n,
        state,
        Map.of("x", 0.5),
        state == TrialState.COMPLETE ? List.of(value) : List.of(),
        new TreeMap<>(),
        "w",
        T0.plusSeconds(from),
        T0.plusSeconds(from),
        to < 0 ? null : T0.plusSeconds(to),
        null,
        0,
        null);
  }

  @Test
  void theCurveCountsEverySlicesTimeUntilEachImprovement() {
    List<Trial> trials =
        List.of(
            trial(0, TrialState.COMPLETE, 0.5, 0, 10), // two slots: 0 and 1 run side by side
            trial(1, TrialState.PRUNED, Double.NaN, 0, 4),
            trial(2, TrialState.COMPLETE, 0.7, 4, 12),
            trial(3, TrialState.COMPLETE, 0.3, 10, 20),
            trial(4, TrialState.RUNNING, Double.NaN, 12, -1));
    Run run = Run.of("a", 0, trials, T0.plusSeconds(22));
    assertEquals(
        List.of(new Run.Point(10 + 4 + 6, 0.5), new Run.Point(10 + 4 + 8 + 10 + 8, 0.3)),
        run.curve());
    assertEquals(10 + 4 + 8 + 10 + 10, run.sliceSeconds(), 1e-9);
    assertEquals(3, run.complete());
    assertEquals(1, run.pruned());
    assertEquals(20, run.sliceSecondsTo(0.5), 1e-9);
    assertTrue(Double.isNaN(run.sliceSecondsTo(0.1)));
  }

  @Test
  void theSummaryComparesSliceSecondsToTheRandomArmsMedianBest() {
    List<Run> runs = new ArrayList<>();
    runs.add(
        new Run(
            "auto+asha", 0, List.of(new Run.Point(5, 0.4), new Run.Point(9, 0.2)), 9, 2, 5, 30));
    runs.add(
        new Run("random", 0, List.of(new Run.Point(8, 0.4), new Run.Point(28, 0.3)), 4, 4, 0, 30));
    JsonNode s = CampaignCommand.summary(runs);
    assertEquals(0.3, s.get("target").asDouble());
    assertEquals(9, s.get("auto+asha_slice_seconds").asDouble());
    assertEquals(28, s.get("random_slice_seconds").asDouble());
    assertEquals(0.32, s.get("ratio").asDouble());
  }

  @Test
  void aShortRunPrintsRunsCurvesAndTheSummary() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    int rc =
        cli.execute(
            "campaign", "--seeds", "1", "--budget", "6", "--epochs", "1", "--showers", "300");
    assertEquals(0, rc, out.toString());
    List<String> kinds = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      kinds.add(new ObjectMapper().readTree(line).get("kind").asText());
    }
    assertEquals(2, kinds.stream().filter("run"::equals).count(), out.toString());
    assertEquals("summary", kinds.getLast());
  }
}
