package io.biggerfleet.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.testing.WalkthroughFleet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walkthrough's "Fleet Tags" and "Grouping your Devices" with its eleven devices. The walkthrough
 * prints "Currently 3 out of 8 matches.." for a fleet it does not show; with the eleven devices,
 * DEVICEID-1, -2, -3 and -5 are Cisco 121XPs, so the real line is "4 out of 11" (see docs/groups.md).
 */
class GroupsWalkthroughTest {
  private FleetClient fleet;

  @BeforeEach
  void setUp() {
    fleet = FleetClient.builder()
        .registries(WalkthroughFleet.registries())
        .clock(ManualClock.at("2026-01-10T12:00:00Z"))
        .build();
    fleet.importDevices();
  }

  @Test
  void addgroup_cisco121XPs_printsRefiningLineAndCountOfParent() {
    GroupUpdate u =
        fleet.addGroup("/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"");

    assertThat(u.lines())
        .containsExactly(
            "Adding Group \"/co/cisco/121XPs\" (refining /).", "Currently 4 out of 11 matches..");
  }

  @Test
  void walkthrough_tagsAndGroups_printTheWalkthroughLines() {
    fleet.addGroup("/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"");
    fleet.addGroup("/", "/location/trading-floor", "Device-Site==\"trading-floor\"");
    GroupUpdate canary =
        fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains \"canary\"");
    assertThat(canary.lines())
        .containsExactly(
            "Adding Group \"/specialsets/canary\" (refining /).",
            "Currently 0 out of 11 matches..");

    assertThat(fleet.tagAll("/co/cisco/121XPs/DEVICEID-5@cisco.com", "canary").message())
        .isEqualTo("Tag \"canary\" added to DEVICEID-5@cisco.com.");
    assertThat(fleet.tagAll("/location/trading-floor/*", "conservative").message())
        .isEqualTo("Tag \"conservative\" added to DEVICEID-5@cisco.com.");

    assertThat(fleet.ls("/").lines())
        .containsExactly(
            "/co/cisco/121XPs/DEVICEID-1@cisco.com -",
            "/co/cisco/121XPs/DEVICEID-2@cisco.com -",
            "/co/cisco/121XPs/DEVICEID-3@cisco.com -",
            "/co/cisco/121XPs/DEVICEID-5@cisco.com canary,conservative",
            "/location/trading-floor/DEVICEID-5@cisco.com canary,conservative",
            "/specialsets/canary/DEVICEID-5@cisco.com canary,conservative",
            "Found 4 devices");

    assertThat(fleet.untagAll("/location/trading-floor/*", "conservative").message())
        .isEqualTo("Removed tag \"conservative\" from 1 device.");
    assertThat(fleet.device(DeviceId.parse("DEVICEID-5@cisco.com")).tags())
        .containsExactly("canary");
  }

  @Test
  void specialSetCanary_followsTagsAsTheyChange() {
    fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains \"canary\"");

    fleet.tag(DeviceId.parse("DEVICEID-9@pantahub.com"), "canary");
    assertThat(fleet.selectors().resolve("/specialsets/canary"))
        .containsExactly(DeviceId.parse("DEVICEID-9@pantahub.com"));

    fleet.untag(DeviceId.parse("DEVICEID-9@pantahub.com"), "canary");
    assertThat(fleet.selectors().resolve("/specialsets/canary")).isEmpty();
  }

  @Test
  void tagsRemove_again_removesFromNoDevice() {
    fleet.addGroup("/", "/location/trading-floor", "Device-Site==\"trading-floor\"");
    fleet.tagAll("/location/trading-floor/*", "conservative");
    fleet.untagAll("/location/trading-floor/*", "conservative");

    assertThat(fleet.untagAll("/location/trading-floor/*", "conservative").message())
        .isEqualTo("Removed tag \"conservative\" from 0 devices.");
  }

  @Test
  void tagsAdd_again_saysTheTagWasAlreadyThere() {
    fleet.addGroup("/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"");
    fleet.tagAll("/co/cisco/121XPs", "fleet-tag1");

    TagChange again = fleet.tagAll("/co/cisco/121XPs", "fleet-tag1");

    assertThat(again.changed()).isEmpty();
    assertThat(again.message())
        .isEqualTo("Tag \"fleet-tag1\" was already on all 4 selected devices.");
  }
}
