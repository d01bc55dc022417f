package io.biggerfleet.cli;

import io.biggerfleet.examples.WalkthroughDemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bigger-fleet demo}: the walkthrough end to end on an embedded simulator and H2 store on an
 * accelerated clock (see {@link WalkthroughDemo}). Leaves nothing behind unless {@code --keep}.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "demo",
    description =
        "Run the walkthrough on a built-in simulator: log in, import, group, tag, roll out "
            + "ROLLOUT5 with a canary, retry, reroute — in simulated time.",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet demo",
      "  bigger-fleet demo --devices 10000 --seed 7",
      "",
      "Exit codes: 0 the demo's rollout ended DONE, 1 it did not, 2 usage error."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(
      names = "--devices",
      description = "Generated devices to add to the walkthrough's eleven (default 0).")
  int devices;

  @Option(
      names = "--seed",
      description = "Seed for the generated devices and device timing (default 1).")
  long seed = 1;

  @Option(
      names = "--keep",
      description =
          "Keep the demo's state folder (H2 store, config), the simulator and the dashboard "
              + "up until Ctrl-C.")
  boolean keep;

  @Override
  public Integer call() {
    return new WalkthroughDemo(devices, seed, keep, spec.commandLine().getOut()).run();
  }
}
