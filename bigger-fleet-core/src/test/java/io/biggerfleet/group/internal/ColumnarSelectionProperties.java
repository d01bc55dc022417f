package io.biggerfleet.group.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Issue 20 goal 2's proof of equality: over random fleets (random attribute sets, missing attributes,
 * numbers, sizes, text, comma lists, values set in more than one source) and random expressions
 * (prefix, numeric ranges, equality, {@code in}, tags, regex, sourced terms, and/or/not), the devices
 * the columnar index selects over the whole fleet equal row-at-a-time evaluation of the matcher, before
 * and after random incremental updates (value changes, removed attributes, new and deleted devices).
 */
class ColumnarSelectionProperties {
  private static final Matchers M = Matchers.standard();
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "1",
    "2",
    "2.5",
    "3",
    "4",
    "8",
    "-7",
    "10",
    "64M",
    "1G",
    "128K",
    " 4 ",
    "lots",
    "",
    "4.9.3",
    "1e3",
    "99999999999999999999"
  };
  private static final String[] TEXTS = {
    "",
    "a",
    "ab",
    "abc",
    "abd",
    "ab*",
    "b",
    "ba",
    "garden-1",
    "garden-22",
    "gw-x1",
    "gw-1",
    "gw",
    "Garden",
    "\u00e9t\u00e9",
    "a b",
    "z"
  };
  private static final String[] LISTS = {"", "x", "x,y", " x , z ", "y,,x", "xy", "z"};
  private static final String[] NUM_TERMS = {
    "n > 2",
    "n >= 2",
    "n < 4",
    "n <= 0",
    "n == 4",
    "n != 4",
    "n >= 64M",
    "n < 1G",
    "n > -1",
    "n == 0",
    "n > 2.5"
  };
  private static final String[] TEXT_TERMS = {
    "s like \"ab*\"",
    "s like \"a*\"",
    "s like \"*\"",
    "s like \"gw-*\"",
    "s like \"garden*\"",
    "s == \"abc\"",
    "s != \"ab\"",
    "s in [\"a\", \"b\"]",
    "s not in [\"abc\"]",
    "t contains x",
    "exists(s)",
    "s matches \"^g.*1$\"",
    "system:s like \"a*\"",
    "s like \"g*1\"",
    "u like \"1*\"",
    "u > 500"
  };

  @Property(tries = 150)
  void columnarSelection_equalsRowEvaluation_throughRandomUpdates(@ForAll long seed) {
    Random rnd = new Random(seed);
    InMemoryFleetStore store = new InMemoryFleetStore();
    FleetIndex index = new FleetIndex(store, new MatchConditions(M));
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      expressions.add(expression(rnd, 3));
    }
    int n = 1 + rnd.nextInt(120);
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < n; i++) {
      b.putDevice(device(rnd, i), 0);
    }
    write(store, index, b.build());
    check(store, index, expressions);
    for (int round = 0; round < 4; round++) {
      WriteBatch.Builder u = WriteBatch.builder();
      java.util.Set<DeviceId> touched = new java.util.HashSet<>();
      int changes = 1 + rnd.nextInt(40);
      for (int k = 0; k < changes; k++) {
        int i = rnd.nextInt(n + 5);
        DeviceId id = id(i);
        if (!touched.add(id)) {
          continue;
        }
        long version = store.device(id).map(Versioned::version).orElse(0L);
        if (version > 0 && rnd.nextInt(6) == 0) {
          u.deleteDevice(id, version);
        } else {
          u.putDevice(device(rnd, i), version);
        }
      }
      write(store, index, u.build());
      check(store, index, expressions);
    }
  }

  private static void write(InMemoryFleetStore store, FleetIndex index, WriteBatch batch) {
    store.write(batch);
    index.onWrite(batch);
  }

  private static void check(InMemoryFleetStore store, FleetIndex index, List<String> expressions) {
    for (String e : expressions) {
      Matcher m = M.compile(e);
      TreeSet<DeviceId> rows = new TreeSet<>();
      for (Versioned<Device> d : store.devices()) {
        if (m.matches(d.value())) {
          rows.add(d.value().id());
        }
      }
      Condition c = index.compile(e);
      TreeSet<DeviceId> columnar =
          index.read(() -> new TreeSet<>(index.snapshot(index.evaluate(c, index.alive()))));
      assertThat(columnar).as(e).isEqualTo(rows);
    }
  }

  private static DeviceId id(int i) {
    return DeviceId.parse("d" + i + "@r.example");
  }

  private static Device device(Random rnd, int i) {
    Device.Builder d = Device.builder(id(i));
    if (rnd.nextInt(5) != 0) {
      d.attribute(AttributeSource.SYSTEM, "n", pick(rnd, NUMBERS));
    }
    if (rnd.nextInt(6) == 0) {
      d.attribute(
          AttributeSource.FLEET, "n", pick(rnd, NUMBERS)); // a higher-precedence source wins
    }
    if (rnd.nextInt(5) != 0) {
      d.attribute(AttributeSource.SYSTEM, "s", pick(rnd, TEXTS));
    }
    if (rnd.nextInt(6) == 0) {
      d.attribute(AttributeSource.REGISTRY, "s", pick(rnd, TEXTS));
    }
    if (rnd.nextInt(4) != 0) {
      d.attribute(AttributeSource.FLEET, "t", pick(rnd, LISTS));
    }
    if (rnd.nextInt(3)
        != 0) { // high cardinality: many distinct values, so codes are merged and scanned
      d.attribute(AttributeSource.SYSTEM, "u", Integer.toString(rnd.nextInt(1000)));
    }
    return d.build();
  }

  private static String expression(Random rnd, int depth) {
    int k = depth == 0 ? 0 : rnd.nextInt(5);
    switch (k) {
      case 1:
        return "(" + expression(rnd, depth - 1) + " and " + expression(rnd, depth - 1) + ")";
      case 2:
        return "(" + expression(rnd, depth - 1) + " or " + expression(rnd, depth - 1) + ")";
      case 3:
        return "not (" + expression(rnd, depth - 1) + ")";
      default:
        return rnd.nextBoolean() ? pick(rnd, NUM_TERMS) : pick(rnd, TEXT_TERMS);
    }
  }

  private static String pick(Random rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }
}
