package org.hpofarm.weekly.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How each forge proves that a webhook delivery comes from it, checked against a repository's
 * secret, always in constant time: GitHub's {@code X-Hub-Signature-256: sha256=<hex>} and Gitea's
 * or Forgejo's {@code X-Gitea-Signature: <hex>} (the HMAC-SHA256 of the raw body), and GitLab's
 * {@code X-Gitlab-Token} (the secret itself).
 */
public final class Signatures {

  private Signatures() {}

  /** Whether {@code header} is GitHub's signature of {@code body} with {@code secret}. */
  public static boolean github(String secret, byte[] body, String header) {
    return header != null
        && header.startsWith("sha256=")
        && gitea(secret, body, header.substring("sha256=".length()));
  }

  /** Whether {@code header} is Gitea's (or Forgejo's) signature of {@code body}. */
  public static boolean gitea(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  /** Whether {@code header} is GitLab's token for {@code secret}. */
  public static boolean gitlab(String secret, String header) {
    return header != null
        && MessageDigest.isEqual(
            sha256(secret.getBytes(StandardCharsets.UTF_8)),
            sha256(header.getBytes(StandardCharsets.UTF_8)));
  }

  /** The hex HMAC-SHA256 of {@code body} with {@code secret}: what a forge would send. */
  public static String sign(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  /** Digests of equal length, so that comparing two tokens says nothing of their lengths. */
  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
