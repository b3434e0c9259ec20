package org.hpofarm.master.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.hpofarm.cli.FarmCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./farm token create USER}: issues an API token, as the admin ({@code --token-file}, {@code
 * $FARM_TOKEN}, else the master's {@code farm-data/admin.token} in the working directory).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create API tokens (admin).",
    subcommands = {TokenCommand.Create.class})
public final class TokenCommand implements Runnable {

  /** The admin token the master writes in its data directory, used when no other is given. */
  static final Path ADMIN = Path.of("farm-data", "admin.token");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a token for USER and print it.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "USER")
    String user;

    @Option(
        names = "--days",
        description = "validity in days, 0 for no expiry (default ${DEFAULT-VALUE})")
    int days = 90;

    @Option(names = "--admin", description = "an admin token")
    boolean admin;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description =
            "write the new token to FILE (owner-only) instead of printing it; the answer is"
                + " printed without it")
    Path out;

    @Override
    public Integer call() throws Exception {
      var body = JSON.createObjectNode().put("user", user).put("days", days).put("admin", admin);
      ClientOptions.Answer answer = client.send("POST", "/api/v1/tokens", body.toString(), ADMIN);
      if (out == null || answer.status() != 201) {
        return ClientOptions.print(answer);
      }
      ObjectNode created = (ObjectNode) JSON.readTree(answer.body());
      writeOwnerOnly(out, created.remove("token").asText() + "\n");
      created.put("tokenFile", out.toString());
      return ClientOptions.print(new ClientOptions.Answer(answer.status(), created.toString()));
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text);
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new TokenCommand(), args));
  }
}
