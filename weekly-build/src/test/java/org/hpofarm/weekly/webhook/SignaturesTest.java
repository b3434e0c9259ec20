package org.hpofarm.weekly.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  @Test
  void githubsDocumentedTestVector() {
    // docs.github.com, "Validating webhook deliveries": secret and payload, and the signature
    String secret = "It's a Secret to Everybody";
    String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertEquals(header.substring(7), Signatures.sign(secret, HELLO));
    assertTrue(Signatures.github(secret, HELLO, header));
  }

  @Test
  void aWrongSecretBodyOrHeaderFails() {
    String secret = "s3cret";
    String good = "sha256=" + Signatures.sign(secret, HELLO);
    assertTrue(Signatures.github(secret, HELLO, good));
    assertFalse(Signatures.github("other", HELLO, good));
    assertFalse(Signatures.github(secret, "Hello, World?".getBytes(StandardCharsets.UTF_8), good));
    assertFalse(Signatures.github(secret, HELLO, null));
    assertFalse(Signatures.github(secret, HELLO, good.substring(7)), "no sha256= prefix");
    assertFalse(Signatures.github(secret, HELLO, "sha256=zz"));
    assertFalse(Signatures.github(secret, HELLO, good.substring(0, good.length() - 2)));
  }

  @Test
  void giteaSignsWithoutAPrefixAndGitlabSendsTheToken() {
    assertTrue(Signatures.gitea("k", HELLO, Signatures.sign("k", HELLO)));
    assertFalse(Signatures.gitea("k", HELLO, Signatures.sign("j", HELLO)));
    assertTrue(Signatures.gitlab("token-1", "token-1"));
    assertFalse(Signatures.gitlab("token-1", "token-2"));
    assertFalse(Signatures.gitlab("token-1", null));
  }
}
