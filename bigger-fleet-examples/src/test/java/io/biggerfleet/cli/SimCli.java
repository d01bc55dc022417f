package io.biggerfleet.cli;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimBrowser;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A state folder and a simulator on a simulator clock, for running CLI command lines in-process and
 * looking at their exit code, stdout and stderr. The sleeper moves the simulated time.
 */
final class SimCli implements AutoCloseable {
  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  final Path home;
  final PantahubSimulator sim;
  String stdin = "";
  String out = "";
  String err = "";

  SimCli(Path home, Scenario scenario) {
    this(home, PantahubSimulator.builder().scenario(scenario));
  }

  SimCli(Path home, PantahubSimulator.Builder sim) {
    this.home = home;
    this.sim = sim.clock(clock).start();
  }

  CliEnvironment env() {
    return CliEnvironment.builder()
        .env(Map.of(
            CliHome.ENV, home.toString(), CliSession.HUB_ENV, sim.baseUri().toString()))
        .clock(clock)
        .browser(SimBrowser.as("user1", "user1"))
        .in(new StringReader(stdin))
        .sleeper(sim::advance)
        .build();
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = BiggerFleetCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env());
    out = o.toString();
    err = e.toString();
    return code;
  }

  /** Logs in as user1 (password from stdin) and entrusts every device; fails the test if either fails. */
  SimCli loggedInWithAllDevices() {
    stdin = "user1\n";
    require(run("login", "user1", "--password"), "login");
    require(run("add-devices", "--all"), "add-devices");
    stdin = "";
    return this;
  }

  void require(int code, String what) {
    if (code != 0) {
      throw new AssertionError(what + " exited " + code + ": " + err);
    }
  }

  void advance(Duration d) {
    sim.advance(d);
  }

  @Override
  public void close() {
    sim.close();
  }
}
