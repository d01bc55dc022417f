package io.biggerfleet.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.match.Matchers;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.testing.FakeDeviceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For random fleets, random group trees with random expressions (index-friendly, opaque and mixed)
 * and random changes (attributes, tags, imports, expression changes), the memberships the index
 * keeps equal a plain scan: every device of the parent's members that the expression matches.
 */
class IndexedMembershipPropertyTest {
  private static final Matchers M = Matchers.standard();
  private static final String[] A = {"a0", "a1", "a2", "a3", "a4"};
  private static final String[] B = {"b0", "b1", "b2"};
  private static final String[] MEM = {"64M", "128M", "512M", "1G", "2G", "lots"};
  private static final String[] TAGS = {"t0", "t1", "t2"};

  static List<Long> seeds() {
    List<Long> s = new ArrayList<>();
    for (long i = 1; i <= 12; i++) {
      s.add(i * 7919);
    }
    return s;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void indexedMemberships_equalAPlainScan_throughRandomChanges(long seed) {
    Random rnd = new Random(seed);
    FakeDeviceRegistry reg = new FakeDeviceRegistry("r.example");
    int n = 30 + rnd.nextInt(120);
    for (int i = 0; i < n; i++) {
      reg.put(randomDevice(rnd, i));
    }
    FleetClient fleet = FleetClient.builder()
        .registry(reg)
        .clock(ManualClock.at("2026-01-10T12:00:00Z"))
        .build();
    fleet.importDevices();

    List<String> paths = new ArrayList<>();
    int groups = 3 + rnd.nextInt(10);
    for (int g = 0; g < groups; g++) {
      String parent =
          paths.isEmpty() || rnd.nextInt(3) == 0 ? "/" : paths.get(rnd.nextInt(paths.size()));
      String path = (parent.equals("/") ? "" : parent) + "/g" + g;
      if (!paths.isEmpty() && rnd.nextInt(4) == 0) {
        path = pick(rnd, paths) + "/g" + g; // below a group that is not its parent (refining /)
        parent = "/";
      }
      fleet.addGroup(parent, path, randomExpression(rnd, 3));
      paths.add(path);
    }
    assertAllEqualScan(fleet, paths, rnd);

    for (int step = 0; step < 40; step++) {
      List<Device> devices = fleet.devices();
      DeviceId id = devices.get(rnd.nextInt(devices.size())).id();
      switch (rnd.nextInt(6)) {
        case 0 -> fleet.tag(id, pick(rnd, TAGS));
        case 1 -> fleet.untag(id, pick(rnd, TAGS));
        case 2 -> fleet.setFleetAttribute(id, "Fleet-A", pick(rnd, A));
        case 3 -> {
          reg.put(randomDevice(rnd, rnd.nextInt(n + 20))); // changes one, or brings a new one
          fleet.importDevices();
        }
        case 4 -> fleet.changeGroupExpression(pick(rnd, paths), randomExpression(rnd, 3));
        default -> fleet.tagAll(randomExpression(rnd, 2), pick(rnd, TAGS));
      }
      if (step % 5 == 4) {
        assertAllEqualScan(fleet, paths, rnd);
      }
    }
  }

  private static void assertAllEqualScan(FleetClient fleet, List<String> paths, Random rnd) {
    Map<String, Group> byPath = new TreeMap<>();
    fleet.groups().forEach(g -> byPath.put(g.path(), g));
    List<Device> devices = fleet.devices();
    for (String p : paths) {
      TreeSet<DeviceId> expected = scan(devices, byPath, p);
      assertThat(fleet.selectors().resolve(p))
          .as("members of %s", p)
          .containsExactlyElementsOf(expected);
      TreeSet<DeviceId> listed = new TreeSet<>(); // ls lists every group at or below the path
      for (String q : paths) {
        if (q.equals(p) || q.startsWith(p + "/")) {
          listed.addAll(scan(devices, byPath, q));
        }
      }
      assertThat(fleet.ls(p).deviceCount()).as("ls %s", p).isEqualTo(listed.size());
    }
    String inline = randomExpression(rnd, 3);
    assertThat(fleet.selectors().resolve(inline))
        .as("inline %s", inline)
        .containsExactlyElementsOf(devices.stream()
            .filter(d -> M.compile(inline).matches(d))
            .map(Device::id)
            .collect(Collectors.toList()));
  }

  /** Every device matching the group's expression and all its ancestors', sorted. */
  private static TreeSet<DeviceId> scan(
      List<Device> devices, Map<String, Group> groups, String path) {
    TreeSet<DeviceId> out = new TreeSet<>();
    for (Device d : devices) {
      boolean in = true;
      for (String p = path; !p.equals("/") && in; p = groups.get(p).parent()) {
        in = M.compile(groups.get(p).expression()).matches(d);
      }
      if (in) {
        out.add(d.id());
      }
    }
    return out;
  }

  private static RegistryDevice randomDevice(Random rnd, int i) {
    RegistryDevice.Builder b = RegistryDevice.builder(DeviceId.of("dev" + i, "r.example"))
        .nick("n" + i)
        .online(true)
        .systemAttribute("A", pick(rnd, A));
    if (rnd.nextInt(4) > 0) {
      b.systemAttribute("B", pick(rnd, B));
    }
    if (rnd.nextInt(5) > 0) {
      b.systemAttribute("Mem", pick(rnd, MEM));
    }
    if (rnd.nextBoolean()) {
      b.registryAttribute("A", pick(rnd, A)); // overrides the SYSTEM value
    }
    return b.build();
  }

  static String randomExpression(Random rnd, int depth) {
    if (depth == 0 || rnd.nextInt(3) == 0) {
      return randomTerm(rnd);
    }
    String l = randomExpression(rnd, depth - 1);
    String r = randomExpression(rnd, depth - 1);
    return switch (rnd.nextInt(5)) {
      case 0 -> "(" + l + ") or (" + r + ")";
      case 1 -> "not (" + l + ")";
      case 2 -> l + " " + r;
      default -> "(" + l + ") and (" + r + ")";
    };
  }

  private static String randomTerm(Random rnd) {
    return switch (rnd.nextInt(13)) {
      case 0 -> "A == \"" + pick(rnd, A) + "\"";
      case 1 -> "A != \"" + pick(rnd, A) + "\"";
      case 2 -> "A in [\"" + pick(rnd, A) + "\", \"" + pick(rnd, A) + "\"]";
      case 3 -> "B not in [\"" + pick(rnd, B) + "\"]";
      case 4 -> "exists(B)";
      case 5 -> "Fleet-Tags contains " + pick(rnd, TAGS);
      case 6 -> "Mem >= " + pick(rnd, new String[] {"128M", "1G"});
      case 7 -> "Mem < 1G";
      case 8 -> "bucket(4) < 2";
      case 9 -> "system:A == \"" + pick(rnd, A) + "\"";
      case 10 -> "Fleet-A == \"" + pick(rnd, A) + "\"";
      case 11 -> "Device-Name like \"n1*\"";
      default -> rnd.nextBoolean() ? "true" : "false";
    };
  }

  private static String pick(Random rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private static <T> T pick(Random rnd, List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }
}
