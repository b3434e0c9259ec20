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

    @CommandLine.Option(names = "--json", description = "print the API's JSON (for scripts)")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ClientOptions.Answer answer =
          client.send("GET", "/api/v1/studies?offset=" + offset + "&limit=" + limit, null, null);
      if (json || answer.status() != 200) {
        return ClientOptions.print(answer);
      }
      System.out.print(StudyText.table(new ObjectMapper().readTree(answer.body())));
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Show a study: what it is, counts per state, best trial and a sparkline of the best"
              + " value so far.")
  static final class Show implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID")
    String id;

    @CommandLine.Option(names = "--json", description = "print the API's JSON (for scripts)")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ClientOptions.Answer answer = client.send("GET", "/api/v1/studies/" + id, null, null);
      if (json || answer.status() != 200) {
        return ClientOptions.print(answer);
      }
      ClientOptions.Answer trials =
          client.send("GET", "/api/v1/studies/" + id + "/trials?limit=1000", null, null);
      ObjectMapper mapper = new ObjectMapper();
      System.out.print(
          StudyText.summary(
              mapper.readTree(answer.body()),
              trials.status() == 200 ? mapper.readTree(trials.body()) : mapper.createObjectNode()));
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new StudyCommand(), args));
  }
}
