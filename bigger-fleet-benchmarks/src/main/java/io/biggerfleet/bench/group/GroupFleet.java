package io.biggerfleet.bench.group;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic fleet for the group benchmarks: {@code devices} devices with Manufacturer (5 values),
 * Model (50), Country (30), Mem (8 sizes), Kernel (12 versions), Device-Site (1,000), Fleet-Ring (10)
 * and 5 % tagged {@code canary}; and 1,000 groups five levels deep with mixed expressions:
 *
 * <pre>
 * level 1 (5)    /m{k}                          Manufacturer=="m{k}"                 exact
 * level 2 (50)   /m{k}/model{j}                 Model=="model{j}"                    exact
 * level 3 (200)  /m{k}/model{j}/c{q}            Country in [8 countries]              exact
 * level 4 (400)  .../c{q}/mem                   Mem >= 512M                          opaque, one attribute
 *                .../c{q}/ring                  Fleet-Ring in ["ring1", "ring2"]     exact
 * level 5 (345)  .../mem/canary, .../ring/canary Fleet-Tags contains canary or bucket(100) < 5   mixed
 * </pre>
 *
 * Seeded: the same fleet every time.
 */
final class GroupFleet {
  static final String[] MEM = {"64M", "128M", "256M", "512M", "1G", "2G", "4G", "8G"};
  static final String[] KERNEL = {
    "4.9.3", "4.9.10", "4.10.0", "4.14.1", "4.19.2", "5.4.2", "5.10.0", "5.10.2", "5.15.1", "6.1.0",
    "6.6.3", "6.8.1"
  };

  private GroupFleet() {}

  static DeviceId id(int i) {
    return DeviceId.of(String.format("dev%07d", i), "bench.example");
  }

  /** Fills {@code store} with devices and groups. */
  static List<Group> fill(InMemoryFleetStore store, int devices) {
    Random rnd = new Random(42);
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < devices; i++) {
      int model = rnd.nextInt(50);
      Device.Builder d = Device.builder(id(i))
          .nick("n" + i)
          .online(true)
          .attribute(AttributeSource.SYSTEM, "Manufacturer", "m" + (model % 5))
          .attribute(AttributeSource.SYSTEM, "Model", "model" + model)
          .attribute(AttributeSource.SYSTEM, "Country", "c" + rnd.nextInt(30))
          .attribute(AttributeSource.SYSTEM, "Mem", MEM[rnd.nextInt(MEM.length)])
          .attribute(AttributeSource.SYSTEM, "Kernel", KERNEL[rnd.nextInt(KERNEL.length)])
          .attribute(AttributeSource.REGISTRY, "Device-Site", "site" + rnd.nextInt(1000))
          .attribute(AttributeSource.FLEET, "Fleet-Ring", "ring" + rnd.nextInt(10));
      if (rnd.nextInt(20) == 0) {
        d.addTag("canary");
      }
      b.putDevice(d.build(), 0);
      if (i % 10_000 == 9_999) {
        store.write(b.build());
        b = WriteBatch.builder();
      }
    }
    store.write(b.build());
    List<Group> groups = groups(rnd);
    WriteBatch.Builder g = WriteBatch.builder();
    groups.forEach(x -> g.putGroup(x, 0));
    store.write(g.build());
    return groups;
  }

  static List<Group> groups(Random rnd) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Group> out = new ArrayList<>();
    List<String> level4 = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      String m = "/m" + k;
      out.add(new Group(m, "/", "Manufacturer==\"m" + k + "\"", t));
      for (int j = k; j < 50; j += 5) {
        String model = m + "/model" + j;
        out.add(new Group(model, m, "Model==\"model" + j + "\"", t));
        for (int q = 0; q < 4; q++) {
          String c = model + "/c" + q;
          StringBuilder in = new StringBuilder("Country in [");
          for (int x = 0; x < 8; x++) {
            in.append(x == 0 ? "" : ", ").append("\"c").append(rnd.nextInt(30)).append('"');
          }
          out.add(new Group(c, model, in + "]", t));
          out.add(new Group(c + "/mem", c, "Mem >= 512M", t));
          out.add(new Group(c + "/ring", c, "Fleet-Ring in [\"ring1\", \"ring2\"]", t));
          level4.add(c + "/mem");
          level4.add(c + "/ring");
        }
      }
    }
    for (int i = 0; i < 345; i++) {
      String p = level4.get(i);
      out.add(new Group(p + "/canary", p, "Fleet-Tags contains canary or bucket(100) < 5", t));
    }
    return out;
  }
}
