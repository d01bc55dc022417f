package io.biggerfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code jshell/fleet.jsh} on the packaged jar, as the README starts it: the script sets up a simulator
 * and a ready {@code fleet}, and a session can use it. Runs in the {@code verify} phase.
 */
class JShellScriptIT {
  @Test
  void fleetScript_givesAReadyFleetClient() throws Exception {
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    assumeTrue(Files.isExecutable(jshell), "the JDK has jshell");
    Path script = Path.of("..", "jshell", "fleet.jsh").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder(
        jshell.toString(),
        "--class-path",
        Path.of("target", "bigger-fleet.jar").toAbsolutePath().toString(),
        script.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream()
        .write(("fleet.addGroup(\"/\", \"/co/cisco/121XPs\", \"Manufacturer==\\\"Cisco\\\"\", "
                + "\"Model==\\\"121XPs\\\"\").lines()\n/exit\n")
            .getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(out)
        .contains("11 devices imported into `fleet`")
        .contains("Currently 4 out of 11 matches..")
        .doesNotContain("Error:")
        .doesNotContain("Exception");
  }
}
