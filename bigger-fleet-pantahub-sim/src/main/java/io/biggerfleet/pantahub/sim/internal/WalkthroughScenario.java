package io.biggerfleet.pantahub.sim.internal;

import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The walkthrough scenario: the product walkthrough's eleven devices (seven Cisco access points, four
 * Raspberry Pi dev boxes) with their SYSTEM attributes as device-meta and REGISTRY attributes as
 * user-meta (plus {@code Walkthrough-Id}, the walkthrough's device id), and its two failures. The
 * simulator's own copy of the data (it speaks only HTTP and JSON and does not share the SDK's
 * classes). Not API.
 */
public final class WalkthroughScenario {
  private WalkthroughScenario() {}

  public static Scenario build() {
    Scenario.Builder b = Scenario.builder().user("user1", "user1").seed(7);
    b.device(cisco(
        "1",
        "bathroom-wifi",
        "121XPs",
        "MIPS Lantiq 1234",
        "64M",
        "8M NOR",
        null,
        "Asia/Hong Kong",
        "China",
        "Hong Kong",
        "Hong Kong 1 (GOLD COAST)",
        "lat:43.54123,lon:-76.123123",
        "beta-device, user-tag2",
        null));
    b.device(cisco(
        "2",
        "shower-wifi",
        "121XPs",
        "MIPS Lantiq 1234",
        "64M",
        "8M NOR",
        "4.9.3",
        "America/New_York",
        "USA",
        "New York",
        "US East 1 (SYRACUSE)",
        "lat:43.04812,lon:-76.147424",
        "user-tag2",
        null));
    b.device(cisco(
        "3",
        "gardenleft-wifi",
        "121XPs",
        "MIPS Lantiq 1234",
        "128M",
        "16M NOR",
        "4.10.0",
        "America/New_York",
        "USA",
        "New York",
        "US East 1 (SYRACUSE)",
        "lat:43.16103,lon:-77.610924",
        "",
        null));
    b.device(cisco(
        "4",
        "gardenright-wifi",
        "1850AX",
        "ARM Cortex-A9",
        "256M",
        "32M NAND",
        "4.14.1",
        "Europe/Berlin",
        "Germany",
        "Berlin",
        "EU Central 1 (BERLIN)",
        "lat:52.52000,lon:13.404954",
        "beta-device",
        null));
    b.device(cisco(
        "5",
        "gardenpool-wifi",
        "121XPs",
        "MIPS Lantiq 1234",
        "64M",
        "8M NOR",
        "4.9.3",
        "Europe/London",
        "United Kingdom",
        "England",
        "EU West 2 (LONDON)",
        "lat:51.51333,lon:-0.088947",
        "",
        "trading-floor"));
    b.device(cisco(
        "7",
        "living-wifi",
        "1850AX",
        "ARM Cortex-A9",
        "512M",
        "32M NAND",
        "4.14.1",
        "America/Los_Angeles",
        "USA",
        "California",
        "US West 1 (SAN JOSE)",
        "lat:37.33821,lon:-121.886329",
        "",
        null));
    b.device(cisco(
        "8",
        "attic-wifi",
        "2802I",
        "ARMv8 Cortex-A53",
        "1G",
        "128M NAND",
        "5.4.2",
        "America/Los_Angeles",
        "USA",
        "California",
        "US West 1 (SAN JOSE)",
        "lat:37.77493,lon:-122.419416",
        "",
        null));
    b.device(devbox("9", "devbox1-wifi", "4G", "5.10.0-rc1", "beta-device"));
    b.device(devbox("A", "devbox2-wifi", "2G", "5.10.0", ""));
    b.device(devbox("B", "devbox3-wifi", "8G", "5.10.2", ""));
    b.device(devbox("C", "devbox4-wifi", "1G", "5.4.2", ""));
    b.rule(Rule.builder()
        .when("nick", "devbox3-wifi")
        .whenCommitMessageContains("App")
        .fail("app checksum mismatch - download corrupted.")
        .build());
    b.rule(Rule.builder()
        .when("nick", "devbox4-wifi")
        .whenCommitMessageContains("App")
        .fail("starting new app failed - segmentation fault")
        .build());
    return b.build();
  }

  private static DeviceSpec cisco(
      String n,
      String nick,
      String model,
      String cpu,
      String mem,
      String flash,
      String kernel,
      String tz,
      String country,
      String state,
      String region,
      String location,
      String tags,
      String site) {
    Map<String, String> system = new LinkedHashMap<>();
    system.put("Manufacturer", "Cisco");
    system.put("Model", model);
    system.put("CPU", cpu);
    system.put("Mem", mem);
    system.put("Flash", flash);
    if (kernel != null) {
      system.put("Kernel", kernel);
    }
    system.put("Timezone", tz);
    system.put("Country", country);
    system.put("State", state);
    system.put("Region", region);
    return device("DEVICEID-" + n + "@cisco.com", nick, system, location, tags, site);
  }

  private static DeviceSpec devbox(String n, String nick, String mem, String kernel, String tags) {
    Map<String, String> system = new LinkedHashMap<>();
    system.put("Manufacturer", "Raspberry Pi");
    system.put("Model", "Pi 4B");
    system.put("CPU", "ARM Cortex-A72");
    system.put("Mem", mem);
    system.put("Flash", "32G SD");
    system.put("Kernel", kernel);
    system.put("pantavisor.arch", "aarch64/64/EL");
    system.put("Timezone", "Europe/Berlin");
    system.put("Country", "Germany");
    system.put("State", "Berlin");
    system.put("Region", "EU Central 1 (BERLIN)");
    return device(
        "DEVICEID-" + n + "@pantahub.com", nick, system, "lat:52.50700,lon:13.424500", tags, "lab");
  }

  private static DeviceSpec device(
      String walkthroughId,
      String nick,
      Map<String, String> system,
      String location,
      String tags,
      String site) {
    DeviceSpec.Builder d = DeviceSpec.builder(nick)
        .owner("user1")
        .deviceMeta(system)
        .deviceMeta("pantavisor.revision", "0")
        .userMeta("Device-Location", location);
    if (!tags.isEmpty()) {
      d.userMeta("Device-Tags", tags);
    }
    if (site != null) {
      d.userMeta("Device-Site", site);
    }
    return d.userMeta("Walkthrough-Id", walkthroughId).build();
  }
}
