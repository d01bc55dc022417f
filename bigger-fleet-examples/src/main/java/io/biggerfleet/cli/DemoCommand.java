package io.biggerfleet.cli;

import io.biggerfleet.examples.QuickDemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bigger-fleet demo}: the walkthrough on in-memory fakes, printed as a user would type it. */
@Command(name = "demo",
    description = "Run the walkthrough on built-in fake registries: import, list, tag, show attributes.",
    footer = {"", "Example:", "  bigger-fleet demo"})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    QuickDemo.demo(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
