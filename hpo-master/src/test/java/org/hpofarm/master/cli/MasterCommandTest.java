package org.hpofarm.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.master.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A second master on a busy port or data directory stops at once with one line naming the flag. */
class MasterCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = FarmCommandLine.of(new MasterCommand());
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void aBusyHttpOrHazelcastPortIsOneLineNamingTheFlag(@TempDir Path data) throws IOException {
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress("127.0.0.1", 0));
      String port = Integer.toString(busy.getLocalPort());
      assertEquals(2, run("--data", data.toString(), "--host", "127.0.0.1", "--port", port));
      assertEquals(
          "farm master: port: 127.0.0.1:"
              + port
              + " is in use (another master?); give another with --port",
          err.toString().strip());
      err.getBuffer().setLength(0);
      try (ServerSocket free = new ServerSocket(0)) {
        String http = Integer.toString(free.getLocalPort());
        free.close();
        assertEquals(
            2,
            run(
                "--data",
                data.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                http,
                "--hz-port",
                port));
      }
      assertEquals(
          "farm master: hz-port: 127.0.0.1:"
              + port
              + " is in use (another master?); give another with --hz-port",
          err.toString().strip());
    }
  }

  @Test
  void aDataDirectoryInUseIsOneLineNamingTheFlag(@TempDir Path data) {
    Database db = Database.open(Database.h2Url(data), null);
    try {
      assertEquals(true, Database.h2InUse(data));
      assertEquals(2, run("--data", data.toString(), "--port", "0", "--hz-port", "0"));
      assertEquals(
          "farm master: data: the database in "
              + data
              + " is open in another master; give another directory with --data",
          err.toString().strip());
    } finally {
      db.close();
    }
    assertEquals(false, Database.h2InUse(data));
  }
}
