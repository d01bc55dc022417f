package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code bigger-fleet} command line. {@link #main} is the packaged entry point;
 * {@link #run(String[], PrintWriter, PrintWriter, Map)} runs one command in-process (for tests and
 * embedding) and returns its exit code: 0 ok, 1 the operation failed, 2 the command line or its input
 * was wrong. Errors print one line, {@code bigger-fleet: <what is wrong>}, never a stack trace, never a
 * secret.
 */
@Command(name = "bigger-fleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Manage a fleet of Pantahub devices: import, tag, group, roll out changes.",
    subcommands = {DemoCommand.class, AutoComplete.GenerateCompletion.class},
    footer = {"", "State is kept in $BIGGER_FLEET_HOME (default ~/.bigger-fleet).",
        "Exit codes: 0 ok, 1 failed, 2 usage error."})
public final class BiggerFleetCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private BiggerFleetCli() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cli = commandLine(env);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new BiggerFleetCli());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageHandler());
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One line on stderr for a failed command; the exit code says what kind of failure. */
  private static final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      if (e instanceof InvalidInputException) {
        err.println("bigger-fleet: " + e.getMessage());
        return ExitCode.USAGE;
      }
      if (e instanceof NotFoundException || e instanceof FleetException) {
        err.println("bigger-fleet: " + e.getMessage());
        return ExitCode.FAILED;
      }
      err.println("bigger-fleet: unexpected error: " + e);
      return ExitCode.FAILED;
    }
  }

  /** A bad command line: the problem, then how to get help. */
  private static final class UsageHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cmd = e.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("bigger-fleet: " + e.getMessage());
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCode.USAGE;
    }
  }
}
