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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code bigger-fleet} command line. {@link #main} is the packaged entry point;
 * {@link #run(String[], PrintWriter, PrintWriter, CliEnvironment)} runs one command in-process (for tests,
 * the demo and embedding) and returns its exit code: 0 ok, 1 the operation failed, 2 the command line or its input
 * was wrong. Errors print one line, {@code bigger-fleet: <what is wrong>}, never a stack trace, never a
 * secret.
 */
@Command(
    name = "bigger-fleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Manage a fleet of Pantahub devices: import, tag, group, roll out changes.",
    subcommands = {
      LoginCommand.class,
      LogoutCommand.class,
      AddDevicesCommand.class,
      DevicesCommand.class,
      AttributesCommand.class,
      TagsCommand.class,
      AddGroupCommand.class,
      GroupsCommand.class,
      LsCommand.class,
      ExplainCommand.class,
      RolloutsCommand.class,
      RolloutDeleteCommand.class,
      FailuresCommand.class,
      RetryCommand.class,
      RerouteCommand.class,
      BackoutCommand.class,
      ApproveCommand.class,
      RunCommand.class,
      DashboardCommand.class,
      ObjectsCommand.class,
      SimCommand.class,
      DemoCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "State is kept in $BIGGER_FLEET_HOME (default ~/.bigger-fleet).",
      "Exit codes: 0 ok, 1 failed, 2 usage error."
    })
public final class BiggerFleetCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final CliSession session;

  BiggerFleetCli(CliSession session) {
    this.session = session;
  }

  @Option(
      names = "--hub",
      paramLabel = "<url>",
      scope = ScopeType.INHERIT,
      description =
          "Pantahub API to use (default: $BIGGER_FLEET_HUB, else the hub saved at login, else "
              + "https://api.pantahub.com).")
  void hub(String url) {
    session.hubOption(url);
  }

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON instead of text.")
  void json(boolean on) {
    session.json(on);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err, CliEnvironment.system());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line with these environment variables and the system clock; returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    return run(args, out, err, CliEnvironment.builder().env(env).build());
  }

  /**
   * Runs one command line in {@code environment} (variables, clock, input, browser) and returns its exit
   * code. Everything the command opened (store, connections) is closed before it returns.
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, CliEnvironment environment) {
    try (CliSession session = new CliSession(environment, out, err)) {
      CommandLine cli = commandLine(session);
      cli.setOut(out);
      cli.setErr(new PrintWriter(new TerminalWriter(err), true));
      return cli.execute(args);
    }
  }

  static CommandLine commandLine(CliSession session) {
    CommandLine cli = new CommandLine(new BiggerFleetCli(session), new SessionFactory(session));
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageHandler());
    cli.getSubcommands()
        .get("generate-completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(false);
    return cli;
  }

  /**
   * Creates command objects; a command with a constructor taking a {@link CliSession} gets this run's
   * session (how commands reach the store, the hub and the output).
   */
  private static final class SessionFactory implements CommandLine.IFactory {
    private final CliSession session;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    SessionFactory(CliSession session) {
      this.session = session;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        java.lang.reflect.Constructor<K> c = cls.getDeclaredConstructor(CliSession.class);
        c.setAccessible(true);
        return c.newInstance(session);
      } catch (NoSuchMethodException e) {
        return fallback.create(cls);
      }
    }
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
      if (e instanceof io.biggerfleet.pantahub.PantahubUnauthorizedException) {
        err.println(
            "bigger-fleet: The hub refused the login (" + TerminalText.message(e.getMessage())
                + "); log in again with: " + "bigger-fleet login <user>");
        return ExitCode.FAILED;
      }
      if (e instanceof InterruptedException) {
        err.println("bigger-fleet: interrupted");
        return ExitCode.FAILED;
      }
      if (e instanceof InvalidInputException) {
        err.println("bigger-fleet: " + TerminalText.message(e.getMessage()));
        return ExitCode.USAGE;
      }
      if (e instanceof NotFoundException && "group".equals(((NotFoundException) e).kind())) {
        err.println("bigger-fleet: " + e.getMessage()
            + "; list groups with: bigger-fleet groups; add one with: "
            + "bigger-fleet addgroup PARENT PATH EXPRESSION...");
        return ExitCode.FAILED;
      }
      if (e instanceof NotFoundException || e instanceof FleetException) {
        err.println("bigger-fleet: " + TerminalText.message(e.getMessage()));
        return ExitCode.FAILED;
      }
      err.println("bigger-fleet: unexpected error: " + TerminalText.message(e.toString()));
      return ExitCode.FAILED;
    }
  }

  /** A bad command line: the problem, then how to get help. */
  private static final class UsageHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cmd = e.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("bigger-fleet: " + TerminalText.message(e.getMessage()));
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCode.USAGE;
    }
  }
}
