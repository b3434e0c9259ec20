package org.hpofarm.master.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON form of a study: its spec's fields plus {@code id}, {@code owner} and {@code created}.
 */
public final class StudyJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StudyJson() {}

  public static ObjectNode toJson(Study s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", s.id());
    n.put("owner", s.owner());
    n.put("created", s.created().toString());
    n.setAll(s.spec().toJson());
    return n;
  }

  public static String encode(Study s) {
    return toJson(s).toString();
  }

  public static Study decode(String text) {
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(text);
      String id = n.remove("id").asText();
      String owner = n.remove("owner").asText();
      Instant created = Instant.parse(n.remove("created").asText());
      return new Study(id, owner, StudySpec.fromJson(n), created);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a study: " + e.getOriginalMessage(), e);
    }
  }
}
