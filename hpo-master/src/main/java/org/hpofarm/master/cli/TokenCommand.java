package org.hpofarm.master.cli;

import java.util.concurrent.Callable;
import org.hpofarm.cli.FarmCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./farm token create USER}: issues an API token (needs the admin token). */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create API tokens (admin).",
    subcommands = {TokenCommand.Create.class})
public final class TokenCommand implements Runnable {

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

    @Override
    public Integer call() throws Exception {
      var body =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .createObjectNode()
              .put("user", user)
              .put("days", days)
              .put("admin", admin);
      return ClientOptions.print(client.send("POST", "/api/v1/tokens", body.toString()));
    }
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new TokenCommand(), args));
  }
}
