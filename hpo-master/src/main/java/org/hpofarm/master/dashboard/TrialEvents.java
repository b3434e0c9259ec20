package org.hpofarm.master.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hpofarm.master.trial.Trial;

/**
 * The live stream of trial events that the dashboard's pages follow: every trial created, started,
 * reporting or finished anywhere in the cluster goes, as one server-sent event, to each open stream
 * whose caller may see its study. A stream whose connection cannot keep up (its write queue is
 * full) misses events rather than holding the cluster's event thread; the page refreshes from the
 * JSON routes on the next event anyway.
 *
 * <p>Each event is {@code event: trial} with data {@code {"study", "number", "state", "value"}}
 * ({@code value} null unless COMPLETE or PRUNED with a value).
 */
public final class TrialEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An open stream and whose studies it may see (by owner). */
  private record Stream(HttpServerResponse response, Predicate<String> owners) {}

  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final Function<String, String> ownerOf;

  /**
   * @param ownerOf the owner of a study id, or null when there is no such study
   */
  public TrialEvents(Function<String, String> ownerOf) {
    this.ownerOf = ownerOf;
  }

  /** Sends the event of {@code trial} of {@code study} to the streams that may see it. */
  public void publish(String study, Trial trial) {
    if (streams.isEmpty()) {
      return;
    }
    String owner = ownerOf.apply(study);
    if (owner == null) {
      return;
    }
    ObjectNode data =
        JSON.createObjectNode()
            .put("study", study)
            .put("number", trial.number())
            .put("state", trial.state().name());
    if (Double.isFinite(trial.value())) {
      data.put("value", trial.value());
    } else {
      data.putNull("value");
    }
    String event = "event: trial\ndata: " + data + "\n\n";
    for (Stream s : streams) {
      if (s.owners().test(owner) && !s.response().writeQueueFull()) {
        s.response().write(event);
      }
    }
  }

  /**
   * Follows {@code response} (already open) until its connection closes, then runs {@code closed}.
   */
  void open(HttpServerResponse response, Predicate<String> owners, Runnable closed) {
    Stream s = new Stream(response, owners);
    streams.add(s);
    response.closeHandler(
        v -> {
          streams.remove(s);
          closed.run();
        });
    response.exceptionHandler(e -> streams.remove(s));
  }

  /** Streams open now. */
  int open() {
    return streams.size();
  }
}
