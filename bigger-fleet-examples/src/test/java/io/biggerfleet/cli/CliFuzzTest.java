package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random command lines against a logged-in state folder (seeded, bounded): every run ends with a
 * documented exit code (0, 1, 2), prints no stack trace and no raw control character, keeps error lines
 * short, and leaves a state folder the next command can use. {@code -Dcli.fuzz.runs=N} and
 * {@code -Dcli.fuzz.seed=S} make longer runs (docs/reliability.md).
 */
class CliFuzzTest {
  static final int RUNS = Integer.getInteger("cli.fuzz.runs", 30);
  static final long SEED = Long.getLong("cli.fuzz.seed", 13);

  static final String[] COMMANDS = {
    "add-devices",
    "devices",
    "attributes",
    "tags",
    "addgroup",
    "ls",
    "rollouts",
    "rollout-delete",
    "failures",
    "retry",
    "reroute",
    "backout",
    "generate-completion",
    "frobnicate",
    "login"
  };
  static final String[] KEYS = {
    "change",
    "message",
    "devices",
    "time",
    "timeout",
    "success",
    "retries",
    "backoff",
    "late-joiners",
    "on-gate-failure",
    "colour",
    ""
  };
  static final String[] WORDS = {
    "/",
    "/*",
    "/co",
    "/no/such",
    "//",
    "/co/*/x",
    "gardenpool-wifi",
    "ROLLOUT5",
    "R1",
    "add",
    "remove",
    "plan",
    "stepadd",
    "activate",
    "pause",
    "resume",
    "abort",
    "delete",
    "--devices",
    "--json",
    "--sources",
    "--all",
    "--help",
    "-1h",
    "0s",
    "5d",
    "999999999d",
    "85%,99%",
    "101%,-1%",
    "NaN",
    "set kernel=",
    "set kernel=" + "a".repeat(64),
    "Model==\"121XPs\"",
    "Model ==",
    "exists(registry:Model)",
    "(((",
    "a;b",
    "../../etc/passwd",
    "DEVICE-B@pantahub.com@2",
    "ALLFAIL",
    "--hub",
    "ftp://x",
    "--password",
    "--token"
  };

  @TempDir
  Path home;

  @Test
  @org.junit.jupiter.api.Timeout(900)
  void randomCommandLines_endWithADocumentedExitCode_andLeaveAUsableState() {
    Random rnd = new Random(SEED);
    Map<Integer, Integer> codes = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (SimCli cli = new SimCli(home, Scenario.walkthrough()).loggedInWithAllDevices()) {
      for (int i = 0; i < RUNS; i++) {
        String[] args = commandLine(rnd);
        cli.stdin = rnd.nextBoolean() ? "" : "user1\n";
        int code = cli.run(args);
        codes.merge(code, 1, Integer::sum);
        String where = "run " + i + " " + String.join(" ", args).replaceAll("\\p{Cntrl}", "?");
        where = where.length() > 300 ? where.substring(0, 300) + "..." : where;
        if (code < 0 || code > 2) {
          problems.add(where + ": exit " + code);
        }
        for (String text : List.of(cli.out, cli.err)) {
          if (text.codePoints()
              .anyMatch(c -> c != '\n'
                  && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))) {
            problems.add(where + ": raw control character in output");
          }
        }
        if (cli.err.contains("\tat ") || cli.err.contains("unexpected error")) {
          problems.add(where + ": " + cli.err.lines().findFirst().orElse(""));
        }
        if (cli.err.lines().anyMatch(l -> l.length() > 1_200)) {
          problems.add(where + ": error line longer than 1,200 characters");
        }
      }
      System.out.println(
          "CLI fuzz: " + RUNS + " command lines, seed " + SEED + ", exit codes " + codes);
      assertThat(problems).isEmpty();
      cli.stdin = "user1\n";
      assertThat(cli.run("login", "user1", "--password")).as(cli.err).isZero();
      assertThat(cli.run("devices")).as(cli.err).isZero();
      assertThat(cli.out).contains("gardenpool-wifi");
    }
  }

  static String[] commandLine(Random rnd) {
    List<String> args = new ArrayList<>();
    if (rnd.nextInt(10) == 0) {
      args.add("--json");
    }
    String command = COMMANDS[rnd.nextInt(COMMANDS.length)];
    args.add(command);
    if (command.equals("login")) {
      args.add(rnd.nextBoolean() ? "user1" : value(rnd));
      args.add(rnd.nextBoolean() ? "--password" : "--token");
      return args.toArray(String[]::new);
    }
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      switch (rnd.nextInt(3)) {
        case 0:
          args.add(KEYS[rnd.nextInt(KEYS.length)] + "=" + value(rnd));
          break;
        case 1:
          args.add(WORDS[rnd.nextInt(WORDS.length)]);
          break;
        default:
          args.add(value(rnd));
      }
    }
    args.remove("--watch");
    return args.toArray(String[]::new);
  }

  /** A random value: a known word, control characters, unicode, or a long run of one character. */
  static String value(Random rnd) {
    switch (rnd.nextInt(5)) {
      case 0:
        return WORDS[rnd.nextInt(WORDS.length)];
      case 1: {
        StringBuilder b = new StringBuilder();
        int len = rnd.nextInt(20);
        for (int i = 0; i < len; i++) {
          b.appendCodePoint(
              rnd.nextInt(10) < 3
                  ? rnd.nextInt(0x20)
                  : rnd.nextInt(10) < 5 ? 0x202e - rnd.nextInt(4) : 0x20 + rnd.nextInt(0x5f));
        }
        return b.toString();
      }
      case 2:
        return String.valueOf((char) ('a' + rnd.nextInt(26))).repeat(1 + rnd.nextInt(20_000));
      case 3:
        return "\u001b[2J\nbigger-fleet: forged";
      default:
        return Integer.toString(rnd.nextInt(2_000_000) - 1_000_000);
    }
  }
}
