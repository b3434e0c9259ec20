package org.hpofarm.weekly.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One weekend campaign of a repository: the commits it covers, the relevant paths that changed, the
 * study its campaign file became and how it ended. At most one per repository and ISO week.
 *
 * @param repository the repository's name
 * @param week the ISO week of the window's start in its zone, e.g. {@code 2026-W48}
 * @param state RUNNING during its window, CLOSED after it, FAILED when no study could be made
 * @param from the previous campaign's commit, or null for a first campaign
 * @param to the branch head the campaign runs
 * @param relevant the relevant paths that changed (empty for a forced campaign without changes)
 * @param study the study's id, or null when FAILED
 * @param error why it FAILED, or null
 * @param started when it started
 * @param until when its window (and its reservation) ends
 */
public record Campaign(
    String repository,
    String week,
    State state,
    String from,
    String to,
    List<String> relevant,
    String study,
    String error,
    Instant started,
    Instant until) {

  /** Where a campaign is in its life. */
  public enum State {
    RUNNING,
    CLOSED,
    FAILED
  }

  public Campaign {
    relevant = List.copyOf(relevant);
  }

  /** The same campaign CLOSED. */
  public Campaign closed() {
    return new Campaign(
        repository, week, State.CLOSED, from, to, relevant, study, error, started, until);
  }

  /** The same campaign FAILED (its error says why). */
  public Campaign failed() {
    return new Campaign(
        repository, week, State.FAILED, from, to, relevant, study, error, started, until);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("repository", repository).put("week", week).put("state", state.name());
    n.put("from", from).put("to", to);
    relevant.forEach(n.putArray("relevant")::add);
    n.put("study", study).put("error", error);
    n.put("started", started.toString()).put("until", until.toString());
    return n;
  }

  public static Campaign fromJson(JsonNode n) {
    List<String> relevant = new ArrayList<>();
    n.path("relevant").forEach(p -> relevant.add(p.asText()));
    return new Campaign(
        n.path("repository").asText(),
        n.path("week").asText(),
        State.valueOf(n.path("state").asText()),
        n.path("from").isNull() ? null : n.path("from").asText(null),
        n.path("to").asText(),
        relevant,
        n.path("study").isNull() ? null : n.path("study").asText(null),
        n.path("error").isNull() ? null : n.path("error").asText(null),
        Instant.parse(n.path("started").asText()),
        Instant.parse(n.path("until").asText()));
  }
}
