package org.hpofarm.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudyTextTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void aListIsATableWithAlignedColumns() throws Exception {
    String table =
        StudyText.table(
            json(
                "{\"studies\": [{\"id\": \"a1\", \"name\": \"calo\", \"owner\": \"alice\","
                    + " \"sampler\": {\"type\": \"tpe\"}, \"pruner\": {\"type\": \"asha\"},"
                    + " \"executor\": {\"kind\": \"djl\"}, \"created\": \"2026-12-04T10:00:00Z\"},"
                    + " {\"id\": \"b22\", \"name\": \"x\", \"owner\": \"bob\", \"created\": \"t\"}],"
                    + " \"total\": 5}"));
    List<String> lines = table.lines().toList();
    assertEquals(4, lines.size(), table);
    assertTrue(lines.get(0).startsWith("ID   NAME  OWNER  SAMPLER  PRUNER  EXECUTOR"), table);
    assertTrue(lines.get(1).startsWith("a1   calo  alice  tpe      asha    djl"), table);
    assertTrue(lines.get(2).startsWith("b22  x     bob    auto     none    -"), table);
    assertEquals("2 of 5 studies", lines.get(3));
  }

  @Test
  void aSummarySaysCountsBestAndHowTheBestMoved() throws Exception {
    JsonNode study =
        json(
            "{\"id\": \"a1\", \"name\": \"calo\", \"owner\": \"alice\", \"direction\":"
                + " \"minimize\", \"sampler\": {\"type\": \"auto\"}, \"counts\": {\"COMPLETE\": 3,"
                + " \"PRUNED\": 1}, \"best\": {\"number\": 2, \"value\": 0.25, \"params\":"
                + " {\"lr\": 0.01}}}");
    JsonNode trials =
        json(
            "{\"trials\": [{\"state\": \"COMPLETE\", \"value\": 1.0},"
                + " {\"state\": \"PRUNED\"}, {\"state\": \"COMPLETE\", \"value\": 0.25},"
                + " {\"state\": \"COMPLETE\", \"value\": 0.5}]}");
    String text = StudyText.summary(study, trials);
    assertTrue(text.contains("study a1 \"calo\" of alice: minimize, sampler auto"), text);
    assertTrue(text.contains("trials: 3 COMPLETE, 1 PRUNED"), text);
    assertTrue(text.contains("best: trial 2, value 0.250000, params {\"lr\":0.01}"), text);
    assertTrue(text.contains("best so far: █▁▁  1.00000 → 0.250000"), text);
    assertEquals(List.of(1.0, 0.25, 0.25), StudyText.bestSoFar(trials, false));
    assertEquals(List.of(1.0, 1.0, 1.0), StudyText.bestSoFar(trials, true));
  }
}
