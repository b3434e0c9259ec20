package org.hpofarm.worker.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a client of the master trusts over HTTPS: the JVM's certificate authorities, or, given a PEM
 * file ({@code --ca-cert}), the certificates in it (a site's own authority, or a master's
 * self-signed certificate).
 */
public final class MasterTrust {

  private MasterTrust() {}

  /** An HTTP client trusting the certificates of {@code caCert}, or the JVM's when it is null. */
  public static HttpClient client(Path caCert) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (caCert != null) {
      b.sslContext(context(caCert));
    }
    return b.build();
  }

  private static SSLContext context(Path caCert) {
    try (InputStream in = Files.newInputStream(caCert)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IllegalArgumentException("ca-cert: no certificate in " + caCert);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException e) {
      throw new UncheckedIOException("ca-cert: cannot read " + caCert + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "ca-cert: not PEM certificates: " + caCert + ": " + e.getMessage(), e);
    }
  }
}
