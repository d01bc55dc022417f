package io.biggerfleet.pantahub.sim.internal;

import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Scenario;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates N devices with realistic, correlated attributes: a model fixes manufacturer, CPU and the
 * memory/flash options; a place fixes country, state, time zone, region and a location near its city.
 * Weights follow a typical mixed fleet (many small routers, fewer big boxes). Not API.
 */
public final class FleetGenerator {
  private record Model(
      String manufacturer,
      String model,
      String cpu,
      String arch,
      String[] mems,
      String[] flashes,
      String[] kernels,
      int weight) {}

  private record Place(
      String country,
      String code,
      String state,
      String tz,
      String region,
      double lat,
      double lon,
      int weight) {}

  private static final Model[] MODELS = {
    new Model(
        "Cisco",
        "121XPs",
        "MIPS Lantiq 1234",
        "mips/32/EL",
        new String[] {"64M", "128M"},
        new String[] {"8M NOR", "16M NOR"},
        new String[] {"4.9.3", "4.10.0"},
        30),
    new Model(
        "Cisco",
        "1850AX",
        "ARM Cortex-A9",
        "arm/32/EL",
        new String[] {"256M", "512M"},
        new String[] {"32M NAND"},
        new String[] {"4.14.1", "5.4.2"},
        20),
    new Model(
        "Cisco",
        "2802I",
        "ARMv8 Cortex-A53",
        "aarch64/64/EL",
        new String[] {"1G"},
        new String[] {"128M NAND"},
        new String[] {"5.4.2", "5.10.0"},
        10),
    new Model(
        "Raspberry Pi",
        "Pi 4B",
        "ARM Cortex-A72",
        "aarch64/64/EL",
        new String[] {"1G", "2G", "4G", "8G"},
        new String[] {"32G SD", "64G SD"},
        new String[] {"5.4.2", "5.10.0", "5.10.2"},
        25),
    new Model(
        "Toradex",
        "Verdin iMX8M",
        "ARM Cortex-A53",
        "aarch64/64/EL",
        new String[] {"2G", "4G"},
        new String[] {"16G eMMC"},
        new String[] {"5.10.2", "5.15.0"},
        15),
  };

  private static final Place[] PLACES = {
    new Place(
        "USA", "us", "New York", "America/New_York", "US East 1 (SYRACUSE)", 43.048, -76.147, 20),
    new Place(
        "USA",
        "us",
        "California",
        "America/Los_Angeles",
        "US West 1 (SAN JOSE)",
        37.338,
        -121.886,
        15),
    new Place(
        "Germany", "de", "Berlin", "Europe/Berlin", "EU Central 1 (BERLIN)", 52.520, 13.405, 20),
    new Place(
        "United Kingdom",
        "uk",
        "England",
        "Europe/London",
        "EU West 2 (LONDON)",
        51.513,
        -0.089,
        15),
    new Place(
        "China",
        "cn",
        "Hong Kong",
        "Asia/Hong Kong",
        "Hong Kong 1 (GOLD COAST)",
        22.319,
        114.169,
        15),
    new Place("Japan", "jp", "Tokyo", "Asia/Tokyo", "AP Northeast 1 (TOKYO)", 35.676, 139.650, 10),
    new Place(
        "Brazil",
        "br",
        "Sao Paulo",
        "America/Sao_Paulo",
        "SA East 1 (SAO PAULO)",
        -23.551,
        -46.633,
        5),
  };

  private FleetGenerator() {}

  public static Scenario generate(int count, long seed) {
    Scenario.Builder b = Scenario.builder().user("user1", "user1").seed(seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      b.device(device(i, rnd));
    }
    return b.build();
  }

  private static DeviceSpec device(int i, SplittableRandom rnd) {
    Model m = pick(MODELS, rnd);
    Place p = pick(PLACES, rnd);
    String nick = String.format(
        Locale.ROOT,
        "%s-%s-%06d",
        m.model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ""),
        p.code,
        i + 1);
    DeviceSpec.Builder d = DeviceSpec.builder(nick)
        .owner("user1")
        .deviceMeta("Manufacturer", m.manufacturer)
        .deviceMeta("Model", m.model)
        .deviceMeta("CPU", m.cpu)
        .deviceMeta("Mem", m.mems[rnd.nextInt(m.mems.length)])
        .deviceMeta("Flash", m.flashes[rnd.nextInt(m.flashes.length)])
        .deviceMeta("Kernel", m.kernels[rnd.nextInt(m.kernels.length)])
        .deviceMeta("Timezone", p.tz)
        .deviceMeta("Country", p.country)
        .deviceMeta("State", p.state)
        .deviceMeta("Region", p.region)
        .deviceMeta("pantavisor.arch", m.arch)
        .deviceMeta("pantavisor.revision", "0")
        .userMeta(
            "Device-Location",
            String.format(
                Locale.ROOT,
                "lat:%.5f,lon:%.6f",
                p.lat + (rnd.nextDouble() - 0.5),
                p.lon + (rnd.nextDouble() - 0.5)));
    StringBuilder tags = new StringBuilder();
    if (rnd.nextInt(100) < 5) {
      tags.append("beta-device");
    }
    if (rnd.nextInt(100) < 10) {
      tags.append(tags.length() == 0 ? "" : ", ").append("user-tag2");
    }
    if (tags.length() > 0) {
      d.userMeta("Device-Tags", tags.toString());
    }
    if (rnd.nextInt(100) < 2) {
      d.userMeta("Device-Site", "trading-floor");
    }
    return d.build();
  }

  private static <T> T pick(T[] options, SplittableRandom rnd) {
    int total = 0;
    for (T o : options) {
      total += weight(o);
    }
    int r = rnd.nextInt(total);
    for (T o : options) {
      r -= weight(o);
      if (r < 0) {
        return o;
      }
    }
    return options[options.length - 1];
  }

  private static int weight(Object o) {
    return o instanceof Model m ? m.weight : ((Place) o).weight;
  }
}
