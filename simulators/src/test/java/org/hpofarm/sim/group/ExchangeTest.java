package org.hpofarm.sim.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two ranks over loopback TCP: the same mean on both, bit for bit; an absent rank is named. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExchangeTest {

  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration READ = Duration.ofSeconds(10);

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static float[] random(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  @Test
  void twoRanksGetTheSameMeanBitForBit() throws Exception {
    int port = freePort();
    int n = 100_003;
    float[] a = random(1, n);
    float[] b = random(2, n);
    CompletableFuture<float[][]> rank1 =
        CompletableFuture.supplyAsync(
            () -> {
              try (Exchange x =
                  Exchange.open(new GroupSpec(2, 1, "127.0.0.1", port), CONNECT, READ)) {
                return new float[][] {x.average(0, b), x.average(1, a)};
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    float[] first;
    float[] second;
    long bytes;
    try (Exchange hub = Exchange.open(new GroupSpec(2, 0, "127.0.0.1", port), CONNECT, READ)) {
      first = hub.average(0, a);
      second = hub.average(1, b);
      bytes = hub.bytes();
    }
    float[][] seen = rank1.get();
    assertArrayEquals(first, seen[0], "rank 1 has rank 0's floats");
    assertArrayEquals(second, seen[1]);
    for (int i = 0; i < n; i++) {
      assertEquals((float) (((double) a[i] + b[i]) / 2), first[i]);
      assertEquals(
          Float.floatToRawIntBits(first[i]), Float.floatToRawIntBits(second[i]), "order-free");
    }
    assertEquals(2 * 2 * (Frame.OVERHEAD + 4L * n), bytes, "one frame each way, twice");
  }

  @Test
  void aRankThatNeverConnectsIsATimeoutNamingIt() throws Exception {
    int port = freePort();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Exchange.open(
                    new GroupSpec(2, 0, "127.0.0.1", port), Duration.ofMillis(300), READ));
    assertTrue(e.getMessage().contains("rank(s) [1] did not connect"), e.getMessage());
    IOException f =
        assertThrows(
            IOException.class,
            () ->
                Exchange.open(
                    new GroupSpec(2, 1, "127.0.0.1", port), Duration.ofMillis(300), READ));
    assertTrue(f.getMessage().contains("could not reach rank 0"), f.getMessage());
  }

  @Test
  void aVectorOfAnotherLengthIsRefused() throws Exception {
    int port = freePort();
    CompletableFuture<Void> rank1 =
        CompletableFuture.runAsync(
            () -> {
              try (Exchange x =
                  Exchange.open(new GroupSpec(2, 1, "127.0.0.1", port), CONNECT, READ)) {
                x.average(0, new float[3]);
              } catch (IOException expected) { // the hub hangs up
              }
            });
    try (Exchange hub = Exchange.open(new GroupSpec(2, 0, "127.0.0.1", port), CONNECT, READ)) {
      IOException e = assertThrows(IOException.class, () -> hub.average(0, new float[4]));
      assertTrue(e.getMessage().contains("with 4 floats from rank 1"), e.getMessage());
    }
    rank1.get();
  }
}
