package io.biggerfleet.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTest {
  private static final DeviceId ID = DeviceId.parse("DEVICEID-1@cisco.com");

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void builtins_reflectTheDeviceFields_withTheirSources() {
    Device d = Device.builder(ID)
        .nick("bathroom-wifi")
        .online(true)
        .lastSeen(Instant.parse("2026-01-05T09:00:00Z"))
        .revision("7")
        .tags(List.of("canary"))
        .build();
    Attributes a = d.attributes();

    assertThat(a.attribute("Device-Id").orElseThrow())
        .isEqualTo(new Attribute("Device-Id", "DEVICEID-1@cisco.com", AttributeSource.REGISTRY));
    assertThat(a.get("Device-Name")).contains("bathroom-wifi");
    assertThat(a.get("Registry")).contains("cisco.com");
    assertThat(a.attribute("Revision").orElseThrow().source()).isEqualTo(AttributeSource.SYSTEM);
    assertThat(a.get("Revision")).contains("7");
    assertThat(a.get("Last-Seen")).contains("2026-01-05T09:00:00Z");
    assertThat(a.get("Online")).contains("true");
    assertThat(a.attribute("Fleet-Tags").orElseThrow().source()).isEqualTo(AttributeSource.FLEET);
    assertThat(a.items("Fleet-Tags")).containsExactly("canary");
  }

  @Test
  void builtinNames_givenAsOrdinaryAttributes_areOverriddenByTheFields() {
    Device d = Device.builder(ID)
        .nick("real")
        .systemAttributes(Map.of("Online", "maybe"))
        .registryAttributes(Map.of("Device-Name", "spoofed"))
        .build();

    assertThat(d.attributes().get("Device-Name")).contains("real");
    assertThat(d.attributes().get("Online")).contains("false");
  }

  @Test
  void sameNameInSeveralSources_fleetWinsOverRegistryOverSystem_andEachStaysReadable() {
    Device d = Device.builder(ID)
        .systemAttributes(Map.of("Owner", "device"))
        .registryAttributes(Map.of("Owner", "registry"))
        .build();
    assertThat(d.attributes().get("Owner")).contains("registry");

    Device withFleet =
        d.toBuilder().attribute(AttributeSource.FLEET, "Owner", "fleet").build();
    assertThat(withFleet.attributes().get("Owner")).contains("fleet");
    assertThat(withFleet.attributes().get("Owner", AttributeSource.SYSTEM)).contains("device");
    assertThat(withFleet.attributes().get("Owner", AttributeSource.REGISTRY)).contains("registry");
  }

  @Test
  void attributes_keepTheRegistryOrder_groupedBySource() {
    Device d = Device.builder(ID)
        .nick("n")
        .systemAttributes(ordered("Model", "121XPs", "CPU", "MIPS", "Mem", "64M"))
        .registryAttributes(ordered("Device-Location", "lat:1,lon:2", "Device-Tags", "a, b"))
        .build();

    assertThat(d.attributes(AttributeSource.SYSTEM).keySet()).startsWith("Model", "CPU", "Mem");
    assertThat(d.attributes().bySource().get(AttributeSource.REGISTRY))
        .extracting(Attribute::name)
        .containsSubsequence("Device-Name", "Device-Location", "Device-Tags");
    assertThat(d.attributes().items("Device-Tags")).containsExactly("a", "b");
  }

  @Test
  void toBuilder_roundTripsEveryField() {
    Device d = Device.builder(ID)
        .nick("n")
        .online(true)
        .lastSeen(Instant.EPOCH)
        .revision("3")
        .systemAttributes(Map.of("Model", "x"))
        .registryAttributes(Map.of("Site", "y"))
        .attribute(AttributeSource.FLEET, "Fleet-Owner", "ops")
        .tags(List.of("b", "a"))
        .build();

    assertThat(d.toBuilder().build()).isEqualTo(d);
    assertThat(d.tags()).containsExactly("a", "b");
  }

  @Test
  void systemId_isStableForAnId_andDiffersBetweenIds() {
    long a1 = Device.builder(ID).build().systemId();
    long a2 = Device.builder(ID).nick("renamed").build().systemId();
    long b = Device.builder(DeviceId.parse("DEVICEID-2@cisco.com")).build().systemId();

    assertThat(a1).isEqualTo(a2).isEqualTo(Device.systemIdOf(ID)).isNotEqualTo(b);
    assertThat(Device.builder(ID).build().systemIdHex()).hasSize(16);
  }

  @Test
  void systemIds_spreadEvenlyOverBuckets() {
    int[] buckets = new int[10];
    for (int i = 0; i < 10_000; i++) {
      long s = Device.systemIdOf(DeviceId.of("dev" + i, "r.io"));
      buckets[(int) Long.remainderUnsigned(s, 10)]++;
    }
    // each bucket expects 1,000; a fair hash stays well within ±15 %
    assertThat(java.util.Arrays.stream(buckets).boxed())
        .allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  @Test
  void toString_isOneReadableLine() {
    Device d = Device.builder(ID)
        .nick("bathroom-wifi")
        .online(true)
        .tags(List.of("canary"))
        .build();

    assertThat(d.toString())
        .isEqualTo("DEVICEID-1@cisco.com \"bathroom-wifi\" online tags=[canary] (5 attributes)");
  }
}
