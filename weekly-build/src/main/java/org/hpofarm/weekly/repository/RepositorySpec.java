package org.hpofarm.weekly.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hpofarm.mig.window.BurstWindow;
import org.hpofarm.weekly.relevance.PathFilter;

/**
 * A repository the weekly build watches: where it is, which branch, how its pushes are signed,
 * which paths matter, where its campaign file is, the weekend window its campaigns run in and the
 * share of the farm they reserve.
 *
 * @param name the repository's name in routes and studies ({@code [a-z0-9][a-z0-9._-]*})
 * @param url what a mirror fetches ({@code https://}, {@code ssh://}, {@code git@host:path} or
 *     {@code file://})
 * @param branch the branch watched
 * @param secret the webhook secret (HMAC key or GitLab token), or null for a repository that is
 *     only polled
 * @param paths the relevance globs
 * @param campaignFile the path of the campaign file in the repository
 * @param window the weekend window campaigns run in
 * @param windowText the window as given ({@code start}, {@code end}, {@code zone})
 * @param share the share of the farm a campaign reserves, in (0, 1]
 * @param pollMinutes fetch every so many minutes (for sites no webhook reaches), 0 for webhooks
 *     only
 */
public record RepositorySpec(
    String name,
    String url,
    String branch,
    String secret,
    PathFilter paths,
    String campaignFile,
    BurstWindow window,
    List<String> windowText,
    double share,
    int pollMinutes,
    String owner) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern URL =
      Pattern.compile("(https?|ssh|git|file)://\\S+|[\\w.-]+@[\\w.-]+:\\S+");

  /**
   * Reads a registration, every field checked (an error names the field); {@code owner} defaults to
   * {@code defaultOwner}.
   */
  public static RepositorySpec fromJson(JsonNode n, String defaultOwner) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("body: must be a JSON object");
    }
    String name = text(n, "name", null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit,"
              + " got "
              + n.get("name"));
    }
    String url = text(n, "url", null);
    if (url == null || !URL.matcher(url).matches()) {
      throw new IllegalArgumentException(
          "url: an https://, ssh://, git@host:path or file:// address, got " + n.get("url"));
    }
    String branch = text(n, "branch", "main");
    if (branch.isBlank() || branch.contains("..") || branch.startsWith("-")) {
      throw new IllegalArgumentException("branch: not a branch name: '" + branch + "'");
    }
    int poll = n.path("pollMinutes").isMissingNode() ? 0 : integer(n, "pollMinutes");
    if (poll < 0 || poll > 7 * 24 * 60) {
      throw new IllegalArgumentException("pollMinutes: must be in [0, 10080], got " + poll);
    }
    String secret = text(n, "secret", null);
    if (secret == null && poll == 0) {
      throw new IllegalArgumentException(
          "secret: missing (the webhook secret; or give pollMinutes for a repository only polled)");
    }
    if (secret != null && secret.length() < 16) {
      throw new IllegalArgumentException("secret: at least 16 characters");
    }
    List<String> globs = new ArrayList<>();
    JsonNode paths = n.get("paths");
    if (paths == null || paths.isNull()) {
      globs.add("**");
    } else if (!paths.isArray()) {
      throw new IllegalArgumentException("paths: an array of globs such as [\"models/**\"]");
    } else {
      for (int i = 0; i < paths.size(); i++) {
        if (!paths.get(i).isTextual()) {
          throw new IllegalArgumentException("paths[" + i + "]: must be a string");
        }
        globs.add(paths.get(i).textValue());
      }
    }
    String campaignFile = text(n, "campaignFile", "hpo/campaign.json");
    if (campaignFile.isBlank() || campaignFile.startsWith("/") || campaignFile.contains("..")) {
      throw new IllegalArgumentException(
          "campaignFile: a path inside the repository, got '" + campaignFile + "'");
    }
    JsonNode w = n.path("window");
    if (!w.isMissingNode() && !w.isNull() && !w.isObject()) {
      throw new IllegalArgumentException("window: an object with start, end and zone");
    }
    List<String> windowText =
        List.of(
            text(w, "start", "FRI 20:00", "window.start"),
            text(w, "end", "MON 06:00", "window.end"),
            text(w, "zone", BurstWindow.DEFAULT_ZONE.getId(), "window.zone"));
    BurstWindow window = BurstWindow.parse(windowText.get(0), windowText.get(1), windowText.get(2));
    double share = n.path("share").isMissingNode() ? 0.25 : number(n, "share");
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share: must be in (0, 1], got " + share);
    }
    String owner = text(n, "owner", defaultOwner);
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner: the user the campaigns' studies belong to");
    }
    return new RepositorySpec(
        name,
        url,
        branch,
        secret,
        PathFilter.of(globs),
        campaignFile,
        window,
        windowText,
        share,
        poll,
        owner);
  }

  /** The registration as the API shows it: everything but the secret (only whether it is set). */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name).put("url", url).put("branch", branch).put("secret", secret != null);
    paths.globs().forEach(n.putArray("paths")::add);
    n.put("campaignFile", campaignFile);
    n.putObject("window")
        .put("start", windowText.get(0))
        .put("end", windowText.get(1))
        .put("zone", windowText.get(2));
    n.put("share", share).put("pollMinutes", pollMinutes).put("owner", owner);
    return n;
  }

  /** The registration as it is stored: {@link #toJson} with the secret itself. */
  public ObjectNode toStoredJson() {
    ObjectNode n = toJson();
    if (secret == null) {
      n.remove("secret");
    } else {
      n.put("secret", secret);
    }
    return n;
  }

  private static String text(JsonNode n, String field, String dflt) {
    return text(n, field, dflt, field);
  }

  private static String text(JsonNode n, String field, String dflt, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(name + ": must be a string, got " + v);
    }
    return v.textValue().strip();
  }

  private static int integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(field + ": must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + ": must be a number, got " + v);
    }
    return v.doubleValue();
  }
}
