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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
      description = {
        "Create a token for USER and print it;",
        "or, with --agent NAME --serves USERS, a token for a node agent that may only lease as NAME"
            + " and report and tell the trials placed on it, of the users it serves (* for all)."
      })
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "USER", arity = "0..1")
    String user;

    @Option(names = "--agent", paramLabel = "NAME", description = "an agent token for agent NAME")
    String agent;

    @Option(
        names = "--serves",
        paramLabel = "USERS",
        split = ",",
        description = "with --agent: the users whose trials it runs, or * for all")
    java.util.List<String> serves;

    @Spec CommandSpec spec;

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
      ObjectNode body = JSON.createObjectNode().put("days", days);
      if (agent != null) {
        if (user != null || admin || serves == null) {
          throw new ParameterException(
              spec.commandLine(), "agent: give --agent NAME --serves USERS (no USER, no --admin)");
        }
        body.put("agent", agent);
        serves.forEach(body.putArray("serves")::add);
      } else if (user == null) {
        throw new ParameterException(spec.commandLine(), "USER: missing (or --agent NAME)");
      } else {
        body.put("user", user).put("admin", admin);
      }
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
