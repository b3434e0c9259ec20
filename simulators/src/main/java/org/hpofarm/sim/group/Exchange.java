package org.hpofarm.sim.group;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP connections of a worker group, through which its ranks average a vector: rank 0 is the
 * hub that every other rank connects to.
 */
public final class Exchange implements AutoCloseable {

  /*
   * A star, not a ring: with the two to seven ranks of one node's slices the hub's links are
   * loopback or one switch, and a star makes the result bit-identical on every rank without any
   * care — the hub alone adds the vectors, in rank order, in double precision, and sends the same
   * floats to everyone. average() is a barrier: it returns once every rank has called it with the
   * same step. Each call moves one frame each way per rank other than 0 (Frame.OVERHEAD + 4 n
   * bytes each). Plain blocking sockets: one call at a time per rank, no selector needed.
   */

  private static final int BUFFER = 1 << 16;

  private final GroupSpec spec;
  private final List<Link> links; // the hub: one per rank 1..n-1, in rank order; others: the hub
  private final Duration readTimeout;
  private long bytes;
  private double[] sum = new double[0];

  private record Link(Socket socket, DataInputStream in, DataOutputStream out) {
    static Link of(Socket s, Duration readTimeout) throws IOException {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
      return new Link(
          s,
          new DataInputStream(new BufferedInputStream(s.getInputStream(), BUFFER)),
          new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), BUFFER)));
    }

    void send(Frame f) throws IOException {
      f.write(out);
      out.flush();
    }
  }

  private Exchange(GroupSpec spec, List<Link> links, Duration readTimeout) {
    this.spec = spec;
    this.links = links;
    this.readTimeout = readTimeout;
  }

  /**
   * Connects the group: rank 0 listens on the spec's address and port until every other rank has
   * connected, the others connect to it, retrying until it listens; both give up after {@code
   * connectTimeout} with an IOException naming the ranks or the address. A rank then waits at most
   * {@code readTimeout} for each frame of an average (the slowest rank's work between two averages,
   * an evaluation included).
   */
  public static Exchange open(GroupSpec spec, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    if (spec.isSingle()) {
      return new Exchange(spec, List.of(), readTimeout);
    }
    long deadline = System.nanoTime() + connectTimeout.toNanos();
    return spec.isHub()
        ? new Exchange(spec, accept(spec, deadline, connectTimeout, readTimeout), readTimeout)
        : new Exchange(
            spec, List.of(connect(spec, deadline, connectTimeout, readTimeout)), readTimeout);
  }

  private static List<Link> accept(
      GroupSpec spec, long deadline, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    Link[] byRank = new Link[spec.worldSize()];
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(spec.address(), spec.port()), spec.worldSize());
      int connected = 0;
      while (connected < spec.worldSize() - 1) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw missing(spec, byRank, connectTimeout);
        }
        server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        Socket s;
        try {
          s = server.accept();
        } catch (SocketTimeoutException e) {
          throw missing(spec, byRank, connectTimeout);
        }
        Link link = Link.of(s, readTimeout);
        Frame hello = Frame.read(link.in());
        int rank = (int) hello.step();
        if (hello.kind() != Frame.Kind.HELLO
            || rank < 1
            || rank >= spec.worldSize()
            || byRank[rank] != null) {
          s.close();
          throw new IOException(
              "worker group: unexpected "
                  + hello.kind()
                  + " from rank "
                  + rank
                  + " (world size "
                  + spec.worldSize()
                  + ")");
        }
        byRank[rank] = link;
        connected++;
      }
    } catch (IOException e) {
      for (Link l : byRank) {
        if (l != null) {
          l.socket().close();
        }
      }
      throw e;
    }
    List<Link> links = new ArrayList<>();
    for (int r = 1; r < spec.worldSize(); r++) {
      links.add(byRank[r]);
    }
    return List.copyOf(links);
  }

  private static IOException missing(GroupSpec spec, Link[] byRank, Duration timeout) {
    List<Integer> absent = new ArrayList<>();
    for (int r = 1; r < spec.worldSize(); r++) {
      if (byRank[r] == null) {
        absent.add(r);
      }
    }
    return new IOException(
        "worker group: rank(s) "
            + absent
            + " did not connect to "
            + spec.address()
            + ":"
            + spec.port()
            + " within "
            + timeout);
  }

  private static Link connect(
      GroupSpec spec, long deadline, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    IOException last = null;
    while (System.nanoTime() < deadline) {
      Socket s = new Socket();
      try {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        s.connect(
            new InetSocketAddress(spec.address(), spec.port()),
            (int) Math.min(Integer.MAX_VALUE, left));
        Link link = Link.of(s, readTimeout);
        link.send(new Frame(Frame.Kind.HELLO, spec.rank(), new float[0]));
        return link;
      } catch (IOException e) { // the hub is not listening yet
        s.close();
        last = e;
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("worker group: interrupted while connecting", ie);
        }
      }
    }
    throw new IOException(
        "worker group: rank "
            + spec.rank()
            + " could not reach rank 0 at "
            + spec.address()
            + ":"
            + spec.port()
            + " within "
            + connectTimeout,
        last);
  }

  /** The group this exchange connects. */
  public GroupSpec spec() {
    return spec;
  }

  /**
   * The mean over the ranks of {@code values}, every rank calling with its own vector of the same
   * length and the same {@code step}; every rank gets the same floats, bit for bit. A rank that
   * fails, a frame of another step or length, or no frame within the read timeout is an
   * IOException.
   */
  public float[] average(long step, float[] values) throws IOException {
    if (spec.isSingle()) {
      return values.clone();
    }
    return spec.isHub() ? reduce(step, values) : ask(step, values);
  }

  /**
   * Every rank's {@code values} end to end in rank order, every rank calling with a vector of the
   * same length and the same {@code step}: a few figures that each rank must see from all.
   */
  public float[] gather(long step, float[] values) throws IOException {
    if (spec.isSingle()) {
      return values.clone();
    }
    int n = values.length;
    if (!spec.isHub()) {
      Link hub = links.getFirst();
      hub.send(new Frame(Frame.Kind.VALUES, step, values));
      return expect(hub, Frame.Kind.ALL, step, n * spec.worldSize(), 0).payload();
    }
    float[] all = new float[n * spec.worldSize()];
    System.arraycopy(values, 0, all, 0, n);
    for (int r = 1; r <= links.size(); r++) {
      float[] v = expect(links.get(r - 1), Frame.Kind.VALUES, step, n, r).payload();
      System.arraycopy(v, 0, all, r * n, n);
    }
    Frame out = new Frame(Frame.Kind.ALL, step, all);
    for (Link l : links) {
      l.send(out);
    }
    return all;
  }

  private float[] ask(long step, float[] values) throws IOException {
    Link hub = links.getFirst();
    Frame out = new Frame(Frame.Kind.VALUES, step, values);
    hub.send(out);
    Frame in = expect(hub, Frame.Kind.MEAN, step, values.length, 0);
    bytes += out.bytes() + in.bytes();
    return in.payload();
  }

  private float[] reduce(long step, float[] values) throws IOException {
    int n = values.length;
    if (sum.length != n) {
      sum = new double[n];
    }
    for (int i = 0; i < n; i++) {
      sum[i] = values[i];
    }
    for (int r = 1; r <= links.size(); r++) {
      float[] v = expect(links.get(r - 1), Frame.Kind.VALUES, step, n, r).payload();
      for (int i = 0; i < n; i++) {
        sum[i] += v[i];
      }
    }
    float[] mean = new float[n];
    double size = spec.worldSize();
    for (int i = 0; i < n; i++) {
      mean[i] = (float) (sum[i] / size);
    }
    Frame out = new Frame(Frame.Kind.MEAN, step, mean);
    for (Link l : links) {
      l.send(out);
      bytes += 2 * out.bytes(); // its vector in, the mean out
    }
    return mean;
  }

  private Frame expect(Link link, Frame.Kind kind, long step, int length, int rank)
      throws IOException {
    Frame f;
    try {
      f = Frame.read(link.in());
    } catch (SocketTimeoutException e) {
      throw new IOException(
          "worker group: no frame from rank "
              + rank
              + " within "
              + readTimeout
              + " at step "
              + step,
          e);
    } catch (IOException e) {
      throw new IOException(
          "worker group: rank " + rank + " at step " + step + ": " + e.getMessage(), e);
    }
    if (f.kind() != kind || f.step() != step || f.payload().length != length) {
      throw new IOException(
          String.format(
              "worker group: expected %s of step %d with %d floats from rank %d, got %s of step %d"
                  + " with %d floats",
              kind, step, length, rank, f.kind(), f.step(), f.payload().length));
    }
    return f;
  }

  /** Bytes this rank has sent and received in averages (the hub: over all its links). */
  public long bytes() {
    return bytes;
  }

  @Override
  public void close() throws IOException {
    for (Link l : links) {
      l.socket().close();
    }
  }
}
