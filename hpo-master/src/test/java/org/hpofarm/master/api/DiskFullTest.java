package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.MemberSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master on its default H2 file, whose disk fills up for 10 s under steady ask and tell load:
 * every answer is a 200 or a fast 503, the master recovers by itself once there is room again, and
 * every acknowledged tell is in the database. The data directory is a small tmpfs the test mounts,
 * so it needs root (as CI has).
 */
class DiskFullTest {

  private static final Duration FULL = Duration.ofSeconds(10);

  @Test
  void aFullDiskGets503sFastAndLosesNoAcknowledgedTell(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Assumptions.assumeTrue(mount(data), "mounting a tmpfs needs root");
    try {
      int port = FreePort.pick();
      AskTellLoad load;
      long[] unavailable;
      try (MasterServer master =
              MasterServer.start(
                  new MasterSettings(
                      data,
                      Database.h2Url(data),
                      MemberSettings.loopback("disk-" + UUID.randomUUID(), FreePort.pick()),
                      new ApiSettings("127.0.0.1", port, 64 * 1024, 1e6, 2e6),
                      8),
                  InstantSource.system());
          AskTellLoad running =
              new AskTellLoad(
                  "http://127.0.0.1:" + port, Files.readString(master.adminTokenFile()).strip())) {
        load = running;
        Thread.sleep(3000);
        Path filler = data.resolve("filler");
        fill(filler);
        Thread.sleep(FULL.toMillis());
        Files.delete(filler);
        load.awaitMoreAcknowledged(5, Duration.ofSeconds(20));
        load.stop();

        assertEquals(200, load.get("/health").statusCode(), "up again by itself");
        unavailable = load.assertOnly200sAndFast503s(Duration.ofSeconds(3));
      }
      int stored;
      try (Database db = Database.open(Database.h2Url(data), null)) {
        stored = load.assertEveryAcknowledgedTellStored(db);
      }
      System.out.printf(
          "{\"disk_full_s\": %d, \"calls\": %d, \"503\": %d, \"slowest_503_ms\": %d,"
              + " \"acknowledged_tells\": %d, \"stored\": %d}%n",
          FULL.toSeconds(),
          load.calls().size(),
          unavailable[0],
          unavailable[1],
          load.acknowledged().size(),
          stored);
    } finally {
      new ProcessBuilder("umount", "-l", data.toString()).inheritIO().start().waitFor();
    }
  }

  /** Mounts a 32 MiB tmpfs on {@code dir}; false when this process may not. */
  private static boolean mount(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor() == 0;
  }

  /** Writes {@code file} until the file system has no room left. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertTrue(Files.size(file) > 0, "filled " + Files.size(file) + " bytes");
    }
  }
}
