package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bigger-fleet sim}: a local Pantahub simulator with the walkthrough's fleet (user {@code user1},
 * password {@code user1}), on real time, so every command can be tried without an account. Runs until
 * Ctrl-C; prints the hub URL and the commands to try next. One per run.
 */
@Command(mixinStandardHelpOptions = true, name = "sim",
    description = "Start a local Pantahub simulator with the walkthrough fleet (until Ctrl-C).",
    footer = {"", "Example:", "  bigger-fleet sim --port 8080",
        "  # in another terminal:",
        "  export BIGGER_FLEET_HUB=http://127.0.0.1:8080",
        "  echo user1 | bigger-fleet login user1 --password",
        "  bigger-fleet add-devices --all", "",
        "Exit codes: 0 stopped, 1 could not start (e.g. port in use), 2 usage error."})
final class SimCommand implements Callable<Integer> {
  private final CliSession session;

  @Option(names = "--port", description = "Port on 127.0.0.1 (default 8080; 0 = any free port).")
  int port = 8080;

  @Option(names = "--devices", description = "Generated devices to add to the walkthrough's eleven (default 0).")
  int devices;

  @Option(names = "--seed", description = "Seed for generated devices and device behaviour (default 1).")
  long seed = 1;

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
    try (PantahubSimulator sim = start()) {
      String hub = sim.baseUri().toString();
      session.out().println("Pantahub simulator listening on " + hub + " with " + sim.devices().size() + " devices.");
      session.out().println("User: user1, password: user1. Try, in another terminal:");
      session.out().println();
      session.out().println("  export BIGGER_FLEET_HUB=" + hub);
      session.out().println("  bigger-fleet login prn::pantahub.com:auth/user1     # browser login, or:");
      session.out().println("  echo user1 | bigger-fleet login user1 --password");
      session.out().println("  bigger-fleet add-devices --all");
      session.out().println("  bigger-fleet devices");
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
      return PantahubSimulator.builder().scenario(b.build()).port(port).realTime(Duration.ofMillis(200)).start();
    } catch (RuntimeException e) {
      throw new io.biggerfleet.FleetException("Cannot start the simulator on port " + port + ": " + e.getMessage(), e);
    }
  }
}
