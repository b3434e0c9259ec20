package org.hpofarm.master.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A seal on the records a member puts in a cluster map: an HMAC-SHA256 over the record's key and
 * text, with a key the members read from the database (never from the cluster). A record written
 * into the map by anything else that reaches the cluster's port does not open.
 */
final class RecordSeal {

  private final SecretKeySpec key;

  RecordSeal(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("record seal: the key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** {@code text} sealed for map key {@code name}: the text, a {@code #}, and the MAC. */
  String seal(String name, String text) {
    return text + "#" + mac(name, text);
  }

  /**
   * The text of a sealed record if its seal is right for {@code name}, compared in constant time.
   */
  Optional<String> open(String name, String sealed) {
    int at = sealed == null ? -1 : sealed.lastIndexOf('#');
    if (at < 0) {
      return Optional.empty();
    }
    String text = sealed.substring(0, at);
    boolean right =
        MessageDigest.isEqual(
            mac(name, text).getBytes(StandardCharsets.US_ASCII),
            sealed.substring(at + 1).getBytes(StandardCharsets.US_ASCII));
    return right ? Optional.of(text) : Optional.empty();
  }

  private String mac(String name, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256: " + e.getMessage(), e);
    }
  }
}
