package org.hpofarm.master.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hpofarm.cli.FarmCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./farm study create FILE.json | list | show ID}: studies on a master, as the user whose
 * token is given ({@code --token-file} or {@code $FARM_TOKEN}; never the admin's by default).
 */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = "Create, list and show studies on a master.",
    subcommands = {
      StudyCommand.Create.class,
      StudyCommand.ListStudies.class,
      StudyCommand.Show.class
    })
public final class StudyCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a study from a JSON file (the POST /api/v1/studies body).")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "FILE.json")
    Path file;

    @CommandLine.Option(
        names = {"-q", "--quiet"},
        description = "print only the new study's id (for scripts: ID=$(./farm study create -q F))")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      ClientOptions.Answer answer =
          client.send("POST", "/api/v1/studies", Files.readString(file), null);
      if (quiet && answer.status() == 201) {
        System.out.println(new ObjectMapper().readTree(answer.body()).get("id").asText());
        return 0;
      }
      return ClientOptions.print(answer);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List your studies.")
  static final class ListStudies implements Callable<Integer> {
    @Mixin ClientOptions client;

    @CommandLine.Option(names = "--offset")
    int offset = 0;

    @CommandLine.Option(names = "--limit")
    int limit = 100;

    @Override
    public Integer call() throws Exception {
      return ClientOptions.print(
          client.send("GET", "/api/v1/studies?offset=" + offset + "&limit=" + limit, null, null));
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a study: counts per state and best trial.")
  static final class Show implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      return ClientOptions.print(client.send("GET", "/api/v1/studies/" + id, null, null));
    }
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new StudyCommand(), args));
  }
}
