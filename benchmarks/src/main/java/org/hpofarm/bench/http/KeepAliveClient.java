package org.hpofarm.bench.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client on one kept-alive socket: a blocking POST with a JSON body, answered
 * with a {@code Content-Length} body. It is what the load benchmark needs and no more, so the load
 * generator costs the two cores little next to the master it measures (the JDK's client took a
 * fifth of them).
 */
final class KeepAliveClient implements AutoCloseable {

  /** A status code and the body text. */
  record Response(int status, String body) {}

  private final String host;
  private final String authorization;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  KeepAliveClient(URI base, String token) throws IOException {
    this.host = base.getHost() + ":" + base.getPort();
    this.authorization = "Bearer " + token;
    this.socket = new Socket(base.getHost(), base.getPort());
    socket.setTcpNoDelay(true);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 2048);
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
  }

  Response post(String path, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: "
            + authorization
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    for (String h = line(); !h.isEmpty(); h = line()) {
      if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).strip());
      } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
        throw new IOException("chunked answers are not supported: " + h);
      }
    }
    if (length < 0) {
      throw new IOException("answer without Content-Length");
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException("connection closed inside a body");
    }
    return new Response(code, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
