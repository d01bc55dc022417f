package io.biggerfleet.bench.match;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible synthetic fleet: devices with the attributes a Pantahub fleet has (about 20 per device,
 * built-ins included), drawn from a seeded random source. Every attribute the benchmark suite reads is
 * present on every device, so all engines answer the same question.
 */
final class SyntheticFleet {
  private static final String[] MAKERS = {"Cisco", "Juniper", "Ubiquiti", "Netgear"};
  private static final String[] MODELS = {"121XPs", "122XPs", "200AC", "EdgeR4", "GS108"};
  private static final String[] REGIONS = {"eu-west", "eu-north", "us-east", "us-west", "ap-south"};
  private static final String[] MEM = {"128M", "256M", "512M", "1G", "2G"};
  private static final String[] CORES = {"1", "2", "4", "8"};
  private static final String[] KERNELS = {
    "4.9.3", "4.10.0", "4.14.2", "5.4.0-rc.1", "5.4.0", "5.10.12"
  };
  private static final String[] ARCH = {"arm64", "armv7", "x86_64", "mips"};
  private static final String[] TAGS = {"canary", "lab", "beta", "prod", "eu"};

  private static Device[] cached;
  private static long cachedKey = -1;

  private SyntheticFleet() {}

  /** {@link #devices}, kept for the life of the JVM so that benchmarks sharing a JVM build it once. */
  static synchronized Device[] cached(int count, long seed) {
    long key = count * 31L + seed;
    if (cached == null || cachedKey != key) {
      cached = null;
      cached = devices(count, seed);
      cachedKey = key;
    }
    return cached;
  }

  static Device[] devices(int count, long seed) {
    Random r = new Random(seed);
    Device[] out = new Device[count];
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      Map<String, String> sys = new LinkedHashMap<>();
      sys.put("Manufacturer", pick(r, MAKERS));
      sys.put("Model", pick(r, MODELS));
      sys.put("Mem", pick(r, MEM));
      sys.put("Cores", pick(r, CORES));
      sys.put("Kernel", pick(r, KERNELS));
      sys.put("pantavisor.arch", pick(r, ARCH));
      sys.put(
          "pantavisor.version",
          "019-" + (r.nextInt(40) + 100) + "-g" + Integer.toHexString(r.nextInt()));
      sys.put(
          "interfaces.eth0.ipv4",
          "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256));
      sys.put("sysinfo.uptime", Integer.toString(r.nextInt(1_000_000)));
      sys.put("storage.free", (r.nextInt(900) + 100) + "M");
      Map<String, String> reg = new LinkedHashMap<>();
      reg.put("Region", pick(r, REGIONS));
      reg.put(
          "Device-Location",
          String.format(
              "lat:%.4f,lon:%.4f", r.nextDouble() * 140 - 70, r.nextDouble() * 360 - 180));
      reg.put("Owner", "team-" + r.nextInt(50));
      List<String> tags = new ArrayList<>();
      for (String t : TAGS) {
        if (r.nextInt(4) == 0) {
          tags.add(t);
        }
      }
      int kind = r.nextInt(5);
      String nick = (kind == 0 ? "garden-" : kind == 1 ? "gw-" : kind == 2 ? "gw-x" : "node-") + i;
      out[i] = Device.builder(DeviceId.of(String.format("%024x", i), "api.pantahub.com"))
          .nick(nick)
          .online(r.nextBoolean())
          .lastSeen(base.plusSeconds(r.nextInt(86_400 * 30)))
          .revision(Integer.toString(r.nextInt(20)))
          .systemAttributes(sys)
          .registryAttributes(reg)
          .tags(tags)
          .build();
    }
    return out;
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
