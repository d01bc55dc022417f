package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.pantahub.sim.AcceleratedClock;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bigger-fleet sim}: a local Pantahub simulator with the walkthrough's fleet (user {@code user1},
 * password {@code user1}), on real time or, with {@code --speed N}, on a clock N times faster, so every
 * command can be tried without an account. It holds a demo kernel object of {@code user1}
 * ({@link #DEMO_KERNEL}), so that a first rollout's change has an object to reference. Runs until
 * Ctrl-C; prints the hub URL, the demo kernel's sha and the commands to try next. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "sim",
    description = "Start a local Pantahub simulator with the walkthrough fleet (until Ctrl-C).",
    footer = {
      "",
      "Example:",
      "  bigger-fleet sim --port 8080 --speed 60",
      "  # in another terminal:",
      "  export BIGGER_FLEET_HUB=http://127.0.0.1:8080",
      "  echo user1 | bigger-fleet login user1 --password",
      "  bigger-fleet add-devices --all",
      "",
      "Exit codes: 0 stopped, 1 could not start (e.g. port in use), 2 usage error."
    })
final class SimCommand implements Callable<Integer> {
  private final CliSession session;

  @Option(names = "--port", description = "Port on 127.0.0.1 (default 8080; 0 = any free port).")
  int port = 8080;

  @Option(
      names = "--devices",
      description = "Generated devices to add to the walkthrough's eleven (default 0).")
  int devices;

  @Option(
      names = "--seed",
      description = "Seed for generated devices and device behaviour (default 1).")
  long seed = 1;

  @Option(
      names = "--speed",
      paramLabel = "N",
      description =
          "Simulated time runs N times faster than real time (default 1, at most 10000): devices "
              + "pick up and report updates N times sooner; tokens live N hours of simulated time.")
  int speed = 1;

  /** The demo kernel object every {@code sim} holds for {@code user1}: a few bytes, always the same sha. */
  static final byte[] DEMO_KERNEL =
      "bigger-fleet demo kernel 5.15.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** The demo kernel object's name on the simulated hub. */
  static final String DEMO_KERNEL_NAME = "demo/kernel-5.15.img";

  SimCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("--port must be between 0 and 65535, was " + port);
    }
    if (devices < 0 || devices > 1_000_000) {
      throw new InvalidInputException("--devices must be between 0 and 1000000, was " + devices);
    }
    if (speed < 1 || speed > AcceleratedClock.MAX_SPEED) {
      throw new InvalidInputException(
          "--speed must be between 1 and " + AcceleratedClock.MAX_SPEED + ", was " + speed);
    }
    try (PantahubSimulator sim = start()) {
      String hub = sim.baseUri().toString();
      String kernel = sim.putObject("user1", DEMO_KERNEL_NAME, DEMO_KERNEL);
      session
          .out()
          .println("Pantahub simulator listening on " + hub + " with "
              + sim.devices().size() + " devices"
              + (speed > 1 ? "; simulated time runs " + speed + "x faster." : "."));
      session
          .out()
          .println("Demo kernel object of user1: " + kernel + " (" + DEMO_KERNEL_NAME + ")");
      session.out().println("User: user1, password: user1. Try, in another terminal:");
      session.out().println();
      session.out().println("  export BIGGER_FLEET_HUB=" + hub);
      session
          .out()
          .println("  bigger-fleet login prn::pantahub.com:auth/user1     # browser login, or:");
      session.out().println("  echo user1 | bigger-fleet login user1 --password");
      session.out().println("  bigger-fleet add-devices --all");
      session.out().println("  bigger-fleet devices");
      session
          .out()
          .println("  bigger-fleet rollouts add R1 change=\"set kernel=" + kernel
              + "\" time=10m timeout=5m");
      session.out().println();
      session.out().println("Press Ctrl-C to stop.");
      session.out().flush();
      session.env().sleeper().sleep(Duration.ofDays(365_000));
    }
    return ExitCode.OK;
  }

  private PantahubSimulator start() {
    Scenario.Builder b = Scenario.walkthrough().toBuilder().seed(seed);
    Scenario.generated(devices, seed).devices().forEach(b::device);
    try {
      PantahubSimulator.Builder sim = PantahubSimulator.builder()
          .scenario(b.build())
          .port(port)
          .realTime(Duration.ofMillis(200));
      if (speed > 1) {
        sim.clock(AcceleratedClock.of(session.env().clock(), speed))
            .tokenLifetime(Duration.ofHours(speed));
      }
      return sim.start();
    } catch (RuntimeException e) {
      throw new io.biggerfleet.FleetException(
          "Cannot start the simulator on port " + port + ": " + e.getMessage(), e);
    }
  }
}
