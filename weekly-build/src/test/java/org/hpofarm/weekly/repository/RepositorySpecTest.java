package org.hpofarm.weekly.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RepositorySpecTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RepositorySpec read(String json) throws Exception {
    return RepositorySpec.fromJson(JSON.readTree(json), "admin");
  }

  @Test
  void defaultsAndTheSecretNeverShown() throws Exception {
    RepositorySpec r =
        read(
            "{\"name\": \"calo-models\", \"url\": \"https://git.example.org/lhcb/calo.git\","
                + " \"secret\": \"0123456789abcdef\", \"paths\": [\"models/**\", \"!**/*.md\"]}");
    assertEquals("main", r.branch());
    assertEquals("hpo/campaign.json", r.campaignFile());
    assertEquals(0.25, r.share());
    assertEquals(0, r.pollMinutes());
    assertTrue(r.paths().matches("models/vae.py"));
    assertFalse(r.paths().matches("models/README.md"));
    var shown = r.toJson();
    assertTrue(shown.get("secret").asBoolean(), "only that there is one");
    assertFalse(shown.toString().contains("0123456789abcdef"));
    assertEquals("FRI 20:00", shown.at("/window/start").asText());
    assertEquals("Europe/Rome", shown.at("/window/zone").asText());
    assertEquals("admin", r.owner());
    assertEquals(r, RepositorySpec.fromJson(r.toStoredJson(), null));
  }

  @Test
  void aBadFieldIsNamed() {
    String ok = "\"name\": \"r\", \"url\": \"file:///tmp/r\", \"secret\": \"0123456789abcdef\"";
    assertField("name", "{\"name\": \"Bad Name\", \"url\": \"file:///r\", \"pollMinutes\": 5}");
    assertField("url", "{\"name\": \"r\", \"url\": \"not a url\", \"pollMinutes\": 5}");
    assertField("secret", "{\"name\": \"r\", \"url\": \"file:///tmp/r\"}");
    assertField("secret", "{\"name\": \"r\", \"url\": \"file:///tmp/r\", \"secret\": \"short\"}");
    assertField("paths[1]", "{" + ok + ", \"paths\": [\"**\", 3]}");
    assertField("paths[0]", "{" + ok + ", \"paths\": [\"/abs\"]}");
    assertField("campaignFile", "{" + ok + ", \"campaignFile\": \"../x.json\"}");
    assertField("window.start", "{" + ok + ", \"window\": {\"start\": \"SOMEDAY\"}}");
    assertField("window.zone", "{" + ok + ", \"window\": {\"zone\": \"Mars/Olympus\"}}");
    assertField("share", "{" + ok + ", \"share\": 0}");
    assertField("share", "{" + ok + ", \"share\": 1.5}");
    assertField("pollMinutes", "{" + ok + ", \"pollMinutes\": -1}");
    assertField("branch", "{" + ok + ", \"branch\": \"a..b\"}");
  }

  private static void assertField(String field, String json) {
    var e = assertThrows(IllegalArgumentException.class, () -> read(json), json);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }
}
