package io.biggerfleet.testing;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.RegistryDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The eleven devices of the product walkthrough ({@code DEVICEID-1@cisco.com} … {@code
 * DEVICEID-C@pantahub.com}) with their attributes: SYSTEM (Manufacturer, Model, CPU, Mem, Flash,
 * Kernel, Timezone, Country, State, Region) and REGISTRY (Device-Location, Device-Tags, Device-Site).
 * {@code DEVICEID-1} has exactly the attributes the walkthrough's {@code attributes} command shows (so
 * no Kernel);
 * {@code DEVICEID-1, -2, -3, -5} are Cisco 121XPs; {@code DEVICEID-5} sits on the trading floor.
 *
 * <p>Stateless; every call returns fresh values.
 */
public final class WalkthroughFleet {
  /** When every walkthrough device was last seen. */
  public static final Instant LAST_SEEN = Instant.parse("2026-01-05T09:00:00Z");

  private WalkthroughFleet() {}

  /** The eleven devices, sorted by id. */
  public static List<RegistryDevice> devices() {
    List<RegistryDevice> out = new ArrayList<>();
    out.add(cisco(
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
    out.add(cisco(
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
    out.add(cisco(
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
    out.add(cisco(
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
    out.add(cisco(
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
    out.add(cisco(
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
    out.add(cisco(
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
    out.add(devbox("9", "devbox1-wifi", "4G", "5.10.0-rc1", "beta-device"));
    out.add(devbox("A", "devbox2-wifi", "2G", "5.10.0", ""));
    out.add(devbox("B", "devbox3-wifi", "8G", "5.10.2", ""));
    out.add(devbox("C", "devbox4-wifi", "1G", "5.4.2", ""));
    return out;
  }

  /** The devices of one registry ({@code cisco.com} or {@code pantahub.com}). */
  public static List<RegistryDevice> devices(String registry) {
    return devices().stream()
        .filter(d -> d.id().registry().equals(registry))
        .collect(Collectors.toList());
  }

  /** Two fake registries, {@code cisco.com} (7 devices) and {@code pantahub.com} (4 devices). */
  public static List<FakeDeviceRegistry> registries() {
    return List.of(
        FakeDeviceRegistry.of("cisco.com", devices("cisco.com")),
        FakeDeviceRegistry.of("pantahub.com", devices("pantahub.com")));
  }

  private static RegistryDevice cisco(
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
    Map<String, String> system = new java.util.LinkedHashMap<>();
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

  private static RegistryDevice devbox(
      String n, String nick, String mem, String kernel, String tags) {
    Map<String, String> system = new java.util.LinkedHashMap<>();
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

  private static RegistryDevice device(
      String id,
      String nick,
      Map<String, String> system,
      String location,
      String tags,
      String site) {
    Map<String, String> registry = new java.util.LinkedHashMap<>();
    registry.put("Device-Location", location);
    if (!tags.isEmpty()) {
      registry.put("Device-Tags", tags);
    }
    if (site != null) {
      registry.put("Device-Site", site);
    }
    return RegistryDevice.builder(DeviceId.parse(id))
        .nick(nick)
        .online(true)
        .lastSeen(LAST_SEEN)
        .revision("1")
        .systemAttributes(system)
        .registryAttributes(registry)
        .build();
  }

  /** Nick of each walkthrough device by id, in id order. */
  public static Map<DeviceId, String> nicks() {
    Map<DeviceId, String> m = new TreeMap<>();
    devices().forEach(d -> m.put(d.id(), d.nick()));
    return m;
  }
}
