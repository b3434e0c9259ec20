package org.hpofarm.master.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchSpaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SearchSpace parse(String json) throws Exception {
    return SearchSpace.fromJson(JSON.readTree(json.replace('\'', '"')));
  }

  @Test
  void parsesTheContractExampleAndWritesItBack() throws Exception {
    String json =
        """
        {'lr': {'type': 'float', 'low': 1e-5, 'high': 1e-1, 'log': true},
         'dropout': {'type': 'float', 'low': 0.0, 'high': 0.5, 'step': 0.05},
         'layers': {'type': 'int', 'low': 1, 'high': 6},
         'width': {'type': 'int', 'low': 16, 'high': 512, 'log': true},
         'act': {'type': 'categorical', 'choices': ['relu', 'gelu', 'silu']},
         'model': {'type': 'categorical', 'choices': ['vae', 'gan']},
         'beta': {'type': 'float', 'low': 1e-3, 'high': 1.0, 'log': true, 'when': {'model': ['vae']}}}
        """;
    SearchSpace space = parse(json);
    assertEquals(7, space.size());
    assertEquals(new IntRange(16, 512, true, 1), space.get("width").distribution());
    assertEquals(Map.of("model", List.of("vae")), space.get("beta").when());
    assertEquals(space, SearchSpace.fromJson(space.toJson()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'a': {'type': 'float', 'low': 2, 'high': 1}}|space.a:",
        "{'a': {'type': 'float', 'low': 0, 'high': 1, 'log': true}}|space.a:",
        "{'a': {'type': 'categorical', 'choices': []}}|space.a:",
        "{'a': {'type': 'complex', 'low': 0, 'high': 1}}|space.a: unknown type",
        "{'a': {'type': 'int', 'low': 0.5, 'high': 3}}|space.a: low must be an integer",
        "{'a': {'type': 'float', 'low': 0, 'high': 1, 'when': {'b': [1]}}}|space.a: when names unknown",
        "{'a': {'type': 'int', 'low': 0, 'high': 1, 'when': {'b': [1]}}, 'b': {'type': 'int', 'low': 0, 'high': 1, 'when': {'a': [1]}}}|cycle",
        "{'a': {'type': 'float', 'low': 0, 'high': 1, 'lgo': true}}|space.a: unknown field 'lgo'",
        "{}|space",
      })
  void rejectsInvalidSpacesNamingTheParameter(String json, String expected) {
    var e = assertThrows(InvalidSpaceException.class, () -> parse(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void unitMapsRoundTrip() {
    List<Distribution> ds =
        List.of(
            new IntRange(16, 512, true, 1),
            new IntRange(32, 256, false, 32),
            new FloatRange(0, 0.5, false, 0.05),
            Categorical.of("a", "b", 3L));
    for (Distribution d : ds) {
      for (int i = 0; i <= 100; i++) {
        Object v = d.fromUnit(i / 100.0);
        assertEquals(v, d.fromUnit(d.toUnit(v)), d + " at " + v);
        assertEquals(v, d.canonical(v));
      }
    }
  }

  @Test
  void validatesPointsNamingTheParameter() throws Exception {
    SearchSpace space =
        parse(
            "{'m': {'type': 'categorical', 'choices': ['a', 'b']},"
                + " 'x': {'type': 'int', 'low': 0, 'high': 4, 'when': {'m': 'a'}}}");
    assertEquals(Map.of("m", "a", "x", 3L), space.validatePoint(Map.of("m", "a", "x", 3)));
    assertEquals(Map.of("m", "b"), space.validatePoint(Map.of("m", "b")));
    assertTrue(
        assertThrows(InvalidSpaceException.class, () -> space.validatePoint(Map.of("m", "a")))
            .getMessage()
            .startsWith("space.x"));
    assertTrue(
        assertThrows(
                InvalidSpaceException.class, () -> space.validatePoint(Map.of("m", "b", "x", 1)))
            .getMessage()
            .startsWith("space.x"));
    assertTrue(
        assertThrows(
                InvalidSpaceException.class, () -> space.validatePoint(Map.of("m", "a", "x", 9)))
            .getMessage()
            .startsWith("space.x"));
  }
}
