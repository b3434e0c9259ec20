package org.hpofarm.weekly.relevance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathFilterTest {

  @Test
  void doubleStarSpansDirectoriesAndSingleStarOneSegment() {
    PathFilter f = PathFilter.of(List.of("models/**", "hpo/*.json", "**/train.py"));
    assertTrue(f.matches("models/vae.py"));
    assertTrue(f.matches("models/deep/er/gan.py"));
    assertTrue(f.matches("hpo/campaign.json"));
    assertFalse(f.matches("hpo/old/campaign.json"));
    assertTrue(f.matches("train.py"), "**/ matches no directory too");
    assertTrue(f.matches("src/a/train.py"));
    assertFalse(f.matches("README.md"));
    assertFalse(f.matches("modelsX/vae.py"));
  }

  @Test
  void theLastMatchingGlobDecidesAndBangExcludes() {
    PathFilter f = PathFilter.of(List.of("**", "!**/*.md", "!docs/**", "docs/hpo.md"));
    assertTrue(f.matches("models/vae.py"));
    assertFalse(f.matches("README.md"));
    assertFalse(f.matches("models/NOTES.md"));
    assertFalse(f.matches("docs/figure.png"));
    assertTrue(f.matches("docs/hpo.md"), "included again by a later glob");
    assertEquals(
        List.of("models/vae.py", "docs/hpo.md"),
        f.relevant(List.of("README.md", "models/vae.py", "docs/hpo.md")));
  }

  @Test
  void questionMarkIsOneCharacterAndOtherCharactersAreLiteral() {
    PathFilter f = PathFilter.of(List.of("run?.sh", "a+b/(x).txt"));
    assertTrue(f.matches("run1.sh"));
    assertFalse(f.matches("run12.sh"));
    assertTrue(f.matches("a+b/(x).txt"));
    assertFalse(f.matches("aab/(x).txt"));
  }

  @Test
  void badGlobsAreRefusedNamingTheirIndex() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PathFilter.of(List.of()))
            .getMessage()
            .startsWith("paths:"));
    var e =
        assertThrows(IllegalArgumentException.class, () -> PathFilter.of(List.of("**", "/abs")));
    assertTrue(e.getMessage().startsWith("paths[1]:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PathFilter.of(List.of("!")));
  }
}
