package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private static String[] run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void unknownOption_exits2WithUsage() throws Exception {
    String[] r = run("--prot", "8080");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("unknown option --prot").contains("usage:");
  }

  @Test
  void badNumber_exits2NamingTheOption() throws Exception {
    String[] r = run("--devices", "many");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("--devices expects a number, was 'many'");
  }

  @Test
  void adminSwitch_acceptsOnlyOnOrOff() throws Exception {
    String[] r = run("--admin", "yes");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("--admin expects on or off, was 'yes'").contains("[--admin on|off]");
  }

  @Test
  void missingScenarioFile_exits2NamingIt() throws Exception {
    String[] r = run("--scenario", "/nonexistent/scenario.json");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("/nonexistent/scenario.json");
  }

  @Test
  void speedOutOfRange_exits2NamingTheRange() throws Exception {
    String[] r = run("--speed", "0");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("--speed must be in [1, 10000], was 0").contains("[--speed N]");
  }
}
