package org.hpofarm.master.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that a test can cut (every connection dropped, new ones refused) and
 * restore on the same port: a database that goes away and comes back.
 */
public final class CuttableProxy implements AutoCloseable {

  private final int port;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  public CuttableProxy(int port, InetSocketAddress target) throws IOException {
    this.port = port;
    this.target = target;
    restore();
  }

  public int port() {
    return port;
  }

  /** Listens again and forwards new connections. */
  public synchronized void restore() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    Thread.ofVirtual().start(() -> accept(s));
  }

  /** Drops every connection and refuses new ones until {@link #restore}. */
  public synchronized void cut() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        return; // closed by cut()
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // either side went away
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
