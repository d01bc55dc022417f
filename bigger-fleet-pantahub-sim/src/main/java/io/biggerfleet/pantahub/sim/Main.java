package io.biggerfleet.pantahub.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Stand-alone simulator: {@code java -cp … io.biggerfleet.pantahub.sim.Main --port 8080 --devices 1000
 * --scenario walkthrough}. Runs in real time until interrupted (Ctrl-C). Exit code 2 on bad usage.
 *
 * <p>Options: {@code --port N} (default 0 = any free port), {@code --scenario walkthrough|empty|FILE.json}
 * (default walkthrough), {@code --devices N} (adds N generated devices; default 0), {@code --seed N}
 * (default 1), {@code --tick MILLIS} (real-time tick, default 200), {@code --admin on|off} (the admin
 * endpoint that steers devices, default off), {@code --millis on|off} (millisecond times, default off),
 * {@code --speed N} (simulated time runs N times faster than real time, default 1; tokens then live
 * N hours of simulated time, one real hour).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Starts the simulator and blocks; returns an exit code only for usage errors. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException | IOException e) {
      err.println("error: " + e.getMessage());
      err.println(
          "usage: Main [--port N] [--scenario walkthrough|empty|FILE.json] [--devices N] [--seed N] [--tick MS]"
              + " [--admin on|off] [--millis on|off] [--speed N]");
      return 2;
    }
    PantahubSimulator.Builder builder = PantahubSimulator.builder()
        .scenario(o.scenario)
        .port(o.port)
        .realTime(Duration.ofMillis(o.tickMillis))
        .adminEndpoint(o.admin)
        .millisecondTimes(o.millis);
    if (o.speed > 1) {
      builder
          .clock(AcceleratedClock.of(java.time.Clock.systemUTC(), o.speed))
          .tokenLifetime(Duration.ofHours(o.speed));
    }
    PantahubSimulator sim = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              sim.close();
              stopped.countDown();
            },
            "pantahub-sim-shutdown"));
    out.println("Pantahub simulator listening on " + sim.baseUri());
    out.println(sim.devices().size() + " devices; users: "
        + String.join(", ", sim.users().stream().map(SimUser::nick).toList())
        + " (passwords: see your scenario, demo user1's is in docs/simulator.md)");
    if (o.admin) {
      out.println("Admin endpoint: POST " + sim.baseUri()
          + "/sim/admin/devices/<id or nick>/<action> (loopback only)");
    }
    if (o.speed > 1) {
      out.println("Simulated time runs " + o.speed + "x faster than real time.");
    }
    out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  private static final class Options {
    int port;
    int tickMillis = 200;
    int speed = 1;
    boolean admin;
    boolean millis;
    Scenario scenario;

    static Options parse(String[] args) throws IOException {
      Options o = new Options();
      String scenario = "walkthrough";
      int devices = 0;
      long seed = 1;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--port" -> o.port = number(a, v, 0, 65535);
          case "--devices" -> devices = number(a, v, 0, 1_000_000);
          case "--seed" -> seed = number(a, v, 0, Integer.MAX_VALUE);
          case "--tick" -> o.tickMillis = number(a, v, 1, 60_000);
          case "--scenario" -> scenario = v;
          case "--admin" -> o.admin = onOff(a, v);
          case "--millis" -> o.millis = onOff(a, v);
          case "--speed" -> o.speed = number(a, v, 1, AcceleratedClock.MAX_SPEED);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      Scenario base = switch (scenario) {
        case "walkthrough" -> Scenario.walkthrough();
        case "empty" -> Scenario.builder().build();
        default -> Scenario.fromJson(Path.of(scenario));
      };
      Scenario.Builder b = base.toBuilder().seed(seed);
      Scenario.generated(devices, seed).devices().forEach(b::device);
      o.scenario = b.build();
      return o;
    }

    private static boolean onOff(String option, String v) {
      return switch (v) {
        case "on" -> true;
        case "off" -> false;
        default ->
          throw new IllegalArgumentException(option + " expects on or off, was '" + v + "'");
      };
    }

    private static int number(String option, String v, int min, int max) {
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new IllegalArgumentException(
              option + " must be in [" + min + ", " + max + "], was " + v);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " expects a number, was '" + v + "'");
      }
    }
  }
}
