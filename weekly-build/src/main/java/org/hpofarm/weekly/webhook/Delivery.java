package org.hpofarm.weekly.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A webhook delivery as the weekly build reads it, whatever the forge: its id (for repeats), its
 * event, the addresses of the repository it is about, and the ref a push moved. Nothing else of the
 * payload is trusted: what changed is read from the mirror.
 *
 * @param forge {@code github}, {@code gitlab} or {@code gitea}
 * @param id the delivery id the forge sends (the body's digest when it sends none)
 * @param event {@code push}, {@code ping} or another event (ignored)
 * @param urls the repository's addresses named in the payload
 * @param ref the ref of a push ({@code refs/heads/main}), or null
 */
public record Delivery(String forge, String id, String event, List<String> urls, String ref) {

  /** The forges whose hooks the master takes. */
  public static final List<String> FORGES = List.of("github", "gitlab", "gitea");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a delivery of {@code forge} from its headers and raw body; throws {@link
   * IllegalArgumentException} naming what is wrong.
   */
  public static Delivery parse(String forge, Function<String, String> header, byte[] body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("body: not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("body: must be a JSON object");
    }
    List<String> urls = new ArrayList<>();
    String id;
    String event;
    switch (forge) {
      case "github", "gitea" -> {
        boolean gitea = forge.equals("gitea");
        id = header.apply(gitea ? "X-Gitea-Delivery" : "X-GitHub-Delivery");
        event = header.apply(gitea ? "X-Gitea-Event" : "X-GitHub-Event");
        JsonNode r = n.path("repository");
        for (String f : List.of("clone_url", "ssh_url", "html_url", "git_url")) {
          addText(urls, r.path(f));
        }
      }
      case "gitlab" -> {
        id = header.apply("X-Gitlab-Event-UUID");
        String kind = header.apply("X-Gitlab-Event");
        event = kind == null ? null : kind.equalsIgnoreCase("Push Hook") ? "push" : kind;
        JsonNode p = n.path("project");
        for (String f : List.of("git_http_url", "git_ssh_url", "web_url")) {
          addText(urls, p.path(f));
        }
      }
      default ->
          throw new IllegalArgumentException("forge: one of " + FORGES + ", got '" + forge + "'");
    }
    if (id == null || id.isBlank()) {
      id = "sha256:" + digest(body);
    }
    String ref = n.path("ref").isTextual() ? n.path("ref").textValue() : null;
    return new Delivery(
        forge, id, event == null ? "push" : event.toLowerCase(Locale.ROOT), urls, ref);
  }

  /** Whether the payload names {@code url} (compared without a trailing {@code .git} or slash). */
  public boolean isAbout(String url) {
    String want = normal(url);
    return urls.stream().anyMatch(u -> normal(u).equals(want));
  }

  private static String normal(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
  }

  private static void addText(List<String> out, JsonNode v) {
    if (v.isTextual() && !v.textValue().isBlank()) {
      out.add(v.textValue());
    }
  }

  private static String digest(byte[] body) {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
