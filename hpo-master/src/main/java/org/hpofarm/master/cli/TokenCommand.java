package org.hpofarm.master.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.master.auth.DataDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./farm token create|list|revoke}: manages API tokens, as the admin ({@code --token-file},
 * {@code $FARM_TOKEN}, else the master's {@code farm-data/admin.token} in the working directory).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API tokens (admin).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.Listing.class,
      TokenCommand.Revoke.class
    })
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

    @Option(names = "--days", description = "validity in days, 1 to 3650 (default 90)")
    Integer days;

    @Option(names = "--never-expires", description = "a token without expiry (instead of --days)")
    boolean neverExpires;

    @Option(names = "--admin", description = "an admin token")
    boolean admin;

    @Option(
        names = "--may-run-commands",
        description =
            "the user may create command studies (their trials run any command line on the"
                + " agents that serve them)")
    boolean mayRunCommands;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description =
            "write the new token to FILE (owner-only) instead of printing it; the answer is"
                + " printed without it")
    Path out;

    @Override
    public Integer call() throws Exception {
      ObjectNode body = JSON.createObjectNode();
      if (days != null) {
        body.put("days", days);
      }
      if (neverExpires) {
        body.put("neverExpires", true);
      }
      if (agent != null) {
        if (user != null || admin || mayRunCommands || serves == null) {
          throw new ParameterException(
              spec.commandLine(),
              "agent: give --agent NAME --serves USERS (no USER, --admin or --may-run-commands)");
        }
        body.put("agent", agent);
        serves.forEach(body.putArray("serves")::add);
      } else if (user == null) {
        throw new ParameterException(spec.commandLine(), "USER: missing (or --agent NAME)");
      } else {
        body.put("user", user).put("admin", admin).put("mayRunCommands", mayRunCommands);
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

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the tokens: id, user, admin, expiry, agent (never their secrets).")
  static final class Listing implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() throws Exception {
      return ClientOptions.print(client.send("GET", "/api/v1/tokens", null, ADMIN));
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke the token with this id (every member refuses it within 10 s).")
  static final class Revoke implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "the token's id, as create and list show it")
    String id;

    @Override
    public Integer call() throws Exception {
      ClientOptions.Answer answer = client.send("DELETE", "/api/v1/tokens/" + id, null, ADMIN);
      if (answer.status() == 204) {
        System.out.println("revoked " + id);
        return 0;
      }
      return ClientOptions.print(answer);
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, DataDirectory.OWNER_ONLY_FILE);
    Files.writeString(file, text);
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new TokenCommand(), args));
  }
}
