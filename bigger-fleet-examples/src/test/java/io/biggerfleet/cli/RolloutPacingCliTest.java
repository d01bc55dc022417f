package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Rollout;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code window=}, {@code timezone=}, {@code rate=} and {@code ramp=} on {@code rollouts add} and {@code stepadd}. */
class RolloutPacingCliTest {
  @TempDir
  Path home;

  RolloutCliFixture f;
  String change;

  @BeforeEach
  void setUp() {
    f = new RolloutCliFixture(home);
    change = "change=set kernel=" + f.kernelSha;
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void add_withAMisspeltWindowDay_showsLineColumnAndCaret_exit2_storesNothing() {
    int code = f.cli("rollouts", "add", "R6", change, "window=Mon-Fry 1:00");

    assertThat(code).isEqualTo(2);
    assertThat(f.err()).contains("window: unknown day 'Fry'", "at 1:5", "  Mon-Fry 1:00\n      ^");
    try (CliSession s = f.session()) {
      assertThat(s.fleet().rollouts().list()).isEmpty();
    }
  }

  @Test
  void add_withAnUnknownTimezoneOrABadRamp_namesIt_exit2() {
    assertThat(f.cli("rollouts", "add", "R6", change, "timezone=Mars/Base")).isEqualTo(2);
    assertThat(f.err()).contains("timezone: unknown time zone 'Mars/Base'");
    assertThat(f.cli("rollouts", "add", "R6", change, "ramp=5/min x2 evry 50")).isEqualTo(2);
    assertThat(f.err()).contains("ramp: expected START/min xFACTOR every COUNT");
  }

  @Test
  void addAndStepadd_storeTheWindowsAndRates_andTheDetailShowsThem() {
    assertThat(f.cli(
            "rollouts",
            "add",
            "R6",
            change,
            "window=Mon-Fri 01:00-05:00",
            "timezone=Asia/Hong Kong",
            "rate=100/min",
            "ramp=5/min x2 every 50"))
        .isEqualTo(0);
    assertThat(f.cli(
            "rollouts",
            "R6",
            "stepadd",
            "devices=/specialsets/canary",
            "time=4h",
            "window=Sat,Sun 02:00-04:00"))
        .isEqualTo(0);

    try (CliSession s = f.session()) {
      Rollout r = s.fleet().rollouts().get("R6");
      assertThat(r.timezone().getId()).isEqualTo("Asia/Hong_Kong");
      assertThat(r.pacing(1))
          .hasToString("window Sat-Sun 02:00-04:00, rate 100/min, ramp 5/min x2 every 50");
      assertThat(r.pacing(2))
          .hasToString("window Mon-Fri 01:00-05:00, rate 100/min, ramp 5/min x2 every 50");
    }
    assertThat(f.cli("rollouts", "R6", "--json")).isEqualTo(0);
    assertThat(f.out())
        .contains(
            "\"window\" : \"Mon-Fri 01:00-05:00\"",
            "\"rate\" : \"100/min\"",
            "\"ramp\" : \"5/min x2 every 50\"",
            "\"timezone\" : \"Asia/Hong_Kong\"",
            "\"window\" : \"Sat-Sun 02:00-04:00\"");
    assertThat(f.cli("rollouts", "R6")).isEqualTo(0);
    assertThat(f.out())
        .contains("1. '/specialsets/canary' - status: DRAFT; config: time 4h, timeout 1h, "
            + "min-reports: 100%, min-success: 100%, window Sat-Sun 02:00-04:00; window Sat-Sun 02:00-04:00, rate 100/min,"
            + " ramp 5/min x2 every 50 local (default zone Asia/Hong_Kong)");
  }
}
