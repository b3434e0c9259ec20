package org.hpofarm.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.IdentityHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line every {@code ./farm} subcommand runs on, named as the user typed it: picocli,
 * with each error told in one line that names its cause (and the fix, where the command knows it),
 * and the stack trace only under {@code --verbose}, an option every subcommand gets.
 */
public final class FarmCommandLine {

  /** The option that prints an error's stack trace. */
  public static final String VERBOSE = "--verbose";

  private FarmCommandLine() {}

  /** Runs {@code command} on {@code args} and returns its exit code. */
  public static int execute(Object command, String... args) {
    return of(command).execute(args);
  }

  /** The command line of {@code command} and its subcommands, with the error handling above. */
  public static CommandLine of(Object command) {
    CommandLine cli = new CommandLine(command);
    if (!cli.getCommandName().startsWith("farm ")) {
      cli.setCommandName("farm " + cli.getCommandName()); // as the user typed it: ./farm master
    }
    addVerbose(cli, new IdentityHashMap<>());
    cli.setParameterExceptionHandler(FarmCommandLine::usageError);
    cli.setExecutionExceptionHandler(
        (e, failed, parsed) -> {
          PrintWriter err = failed.getErr();
          if (verbose(parsed)) {
            e.printStackTrace(err);
          } else {
            err.println(
                name(failed) + ": " + describe(e) + " (" + VERBOSE + " shows the stack trace)");
          }
          err.flush();
          return failed.getCommandSpec().exitCodeOnExecutionException();
        });
    return cli;
  }

  /**
   * What went wrong, in one line: the message of the outermost exception that has one, with the
   * file of a file-system error named.
   */
  public static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException f) {
        return "no such file: " + f.getFile();
      }
      if (t instanceof AccessDeniedException f) {
        return "permission denied: " + f.getFile();
      }
      if (t instanceof FileSystemException f) {
        return f.getMessage();
      }
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
      }
    }
    return e.getClass().getSimpleName();
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    String hint =
        e instanceof UnmatchedArgumentException || e instanceof MissingParameterException
            ? " (--help lists the options)"
            : "";
    err.println(name(failed) + ": " + describe(e) + hint);
    UnmatchedArgumentException.printSuggestions(e, err);
    err.flush();
    return failed.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static void addVerbose(CommandLine cli, Map<CommandLine, Boolean> seen) {
    if (seen.put(cli, true) != null) {
      return;
    }
    if (!cli.getCommandSpec().optionsMap().containsKey(VERBOSE)) {
      cli.getCommandSpec()
          .addOption(
              OptionSpec.builder(VERBOSE)
                  .arity("0")
                  .type(boolean.class)
                  .description("print the stack trace of an error")
                  .build());
    }
    cli.getSubcommands().values().forEach(sub -> addVerbose(sub, seen));
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  private static String name(CommandLine cli) {
    return cli.getCommandSpec().qualifiedName(" ");
  }
}
