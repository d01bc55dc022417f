package io.biggerfleet.bench.match;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded fleet of devices with 15 attributes each, held twice: as Bigger Fleet {@link Attributes}
 * and as a plain {@code HashMap<String, String>} with the same entries, for issue 20's comparison with
 * a hand-written predicate over a map. Immutable after construction.
 */
final class MapFleet {
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

  final Attributes[] attributes;
  final List<Map<String, String>> maps;

  MapFleet(int count, long seed) {
    Random r = new Random(seed);
    attributes = new Attributes[count];
    maps = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, String> m = new HashMap<>();
      m.put("Manufacturer", pick(r, MAKERS));
      m.put("Model", pick(r, MODELS));
      m.put("Region", pick(r, REGIONS));
      m.put("Mem", pick(r, MEM));
      m.put("Cores", pick(r, CORES));
      m.put("Kernel", pick(r, KERNELS));
      m.put("pantavisor.arch", pick(r, ARCH));
      m.put(
          "pantavisor.version",
          "019-" + (r.nextInt(40) + 100) + "-g" + Integer.toHexString(r.nextInt()));
      m.put(
          "interfaces.eth0.ipv4",
          "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256));
      m.put("sysinfo.uptime", Integer.toString(r.nextInt(1_000_000)));
      m.put("storage.free", (r.nextInt(900) + 100) + "M");
      m.put("Owner", "team-" + r.nextInt(50));
      int kind = r.nextInt(5);
      m.put(
          "Device-Name",
          (kind == 0 ? "garden-" : kind == 1 ? "gw-" : kind == 2 ? "gw-x" : "node-") + i);
      StringBuilder tags = new StringBuilder();
      for (String t : TAGS) {
        if (r.nextInt(4) == 0) {
          tags.append(tags.length() == 0 ? "" : ",").append(t);
        }
      }
      m.put("Fleet-Tags", tags.toString());
      m.put(
          "Device-Location",
          String.format(
              "lat:%.4f,lon:%.4f", r.nextDouble() * 140 - 70, r.nextDouble() * 360 - 180));
      Attributes.Builder b = Attributes.builder();
      m.forEach((k, v) ->
          b.put(k.equals("Fleet-Tags") ? AttributeSource.FLEET : AttributeSource.SYSTEM, k, v));
      attributes[i] = b.build();
      maps.add(m);
    }
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
