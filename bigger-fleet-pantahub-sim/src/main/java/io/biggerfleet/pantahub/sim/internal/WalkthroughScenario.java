package io.biggerfleet.pantahub.sim.internal;

import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.testing.WalkthroughFleet;

/** The walkthrough scenario, built from core's {@link WalkthroughFleet} data. Not API. */
public final class WalkthroughScenario {
  private WalkthroughScenario() {}

  public static Scenario build() {
    Scenario.Builder b = Scenario.builder().user("user1", "user1").seed(7);
    for (RegistryDevice d : WalkthroughFleet.devices()) {
      b.device(DeviceSpec.builder(d.nick()).owner("user1")
          .deviceMeta(d.systemAttributes())
          .deviceMeta("pantavisor.revision", "0")
          .userMeta(d.registryAttributes())
          .userMeta("Walkthrough-Id", d.id().toString())
          .build());
    }
    b.rule(Rule.builder().when("nick", "devbox3-wifi").whenCommitMessageContains("App")
        .fail("app checksum mismatch - download corrupted.").build());
    b.rule(Rule.builder().when("nick", "devbox4-wifi").whenCommitMessageContains("App")
        .fail("starting new app failed - segmentation fault").build());
    return b.build();
  }
}
