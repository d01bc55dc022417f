package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough's "Rollouts" and "Errors and Resolutions" sections through the CLI, in-process,
 * against the Pantahub simulator on a manual clock: ROLLOUT5 drafted, shown, edited, deleted, drafted
 * again, activated, watched until the canary fails, failures listed, retried, the FINAL failure
 * rerouted, finished, and backed out.
 */
class RolloutCommandsWalkthroughTest {
  @TempDir
  Path home;
  RolloutCliFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutCliFixture(home);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private String[] addRollout5() {
    return new String[] {"rollouts", "add", "ROLLOUT5",
        "change=set kernel=prn::pantahub.com:objects:/" + f.kernelSha,
        "message=update kernel across device fleet", "devices=/", "time=5d", "timeout=12h", "success=85%,99%"};
  }

  private String[] stepAddCanary() {
    return new String[] {"rollouts", "ROLLOUT5", "stepadd", "devices=/specialsets/canary", "time=4h", "timeout=1h",
        "success=100%,100%"};
  }

  @Test
  void rollout5_walkthrough_fromDraftToBackout() {
    assertThat(f.cli(addRollout5())).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli(stepAddCanary())).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts", "ROLLOUT5")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollout", "ROLLOUT5", "step-delete", "1")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollout-delete", "ROLLOUT5")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts")).isZero();
    System.out.println(f.out() + f.err());
    f.cli(addRollout5());
    f.cli(stepAddCanary());
    assertThat(f.cli("rollouts", "ROLLOUT5", "plan")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts", "ROLLOUT5", "activate")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts", "ROLLOUT5")).isZero();
    System.out.println(f.out() + f.err());
    int code = f.cli("rollouts", "ROLLOUT5", "--watch", "--interval", "2m");
    System.out.println(code + f.out() + f.err());
    assertThat(f.cli("failures", "ROLLOUT5")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices")).isZero();
    System.out.println(f.out() + f.err());
    f.setUserMeta("devbox3-wifi", "cdn", "ok");
    assertThat(f.cli("retry", f.ids.get("devbox3-wifi") + "@1")).isZero();
    System.out.println(f.out() + f.err());
    Rollout r = f.runUntil("ROLLOUT5", x -> x.state() != RolloutState.ACTIVE, Duration.ofHours(3), Duration.ofDays(7));
    System.out.println(r);
    assertThat(f.cli("rollouts")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("failures", "ROLLOUT5")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("reroute", "ROLLOUT5", "ALLFAIL", "change=set bsp/pantavisor=" + f.pantavisorSha)).isZero();
    System.out.println(f.out() + f.err());
    r = f.runUntil("ROLLOUT5", x -> x.state() != RolloutState.ACTIVE, Duration.ofHours(3), Duration.ofDays(7));
    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("backout", "ROLLOUT5")).isZero();
    System.out.println(f.out() + f.err());
    code = f.cli("rollouts", "ROLLOUT5-backout", "--watch", "--interval", "2m");
    System.out.println(code + f.out() + f.err());
    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices")).isZero();
    System.out.println(f.out() + f.err());
    assertThat(f.cli("rollouts", "--json")).isZero();
    System.out.println(f.out() + f.err());
  }
}
