package io.biggerfleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.testing.FakeDeviceRegistry;
import io.biggerfleet.testing.WalkthroughFleet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetClientTest {
  private static final DeviceId D1 = DeviceId.parse("DEVICEID-1@cisco.com");
  private static final DeviceId D5 = DeviceId.parse("DEVICEID-5@cisco.com");

  private final ManualClock clock = ManualClock.at("2026-01-10T12:00:00Z");
  private final FleetStore store = new InMemoryFleetStore();
  private FakeDeviceRegistry cisco;
  private FakeDeviceRegistry pantahub;
  private FleetClient fleet;

  @BeforeEach
  void setUp() {
    List<FakeDeviceRegistry> regs = WalkthroughFleet.registries();
    cisco = regs.get(0);
    pantahub = regs.get(1);
    fleet = FleetClient.builder()
        .registry(cisco)
        .registry(pantahub)
        .store(store)
        .clock(clock)
        .actor("test")
        .build();
  }

  @Test
  void importDevices_bringsInEveryEntrustedDeviceOfEveryRegistry_sorted() {
    ImportResult r = fleet.importDevices();

    assertThat(r.added()).isEqualTo(11);
    assertThat(r.devices())
        .extracting(DeviceId::toString)
        .containsExactly(
            "DEVICEID-1@cisco.com",
            "DEVICEID-2@cisco.com",
            "DEVICEID-3@cisco.com",
            "DEVICEID-4@cisco.com",
            "DEVICEID-5@cisco.com",
            "DEVICEID-7@cisco.com",
            "DEVICEID-8@cisco.com",
            "DEVICEID-9@pantahub.com",
            "DEVICEID-A@pantahub.com",
            "DEVICEID-B@pantahub.com",
            "DEVICEID-C@pantahub.com");
    assertThat(fleet.devices()).extracting(Device::nick).startsWith("bathroom-wifi", "shower-wifi");
    assertThat(fleet.deviceCount()).isEqualTo(11);
  }

  @Test
  void importDevices_again_isIdempotent() {
    fleet.importDevices();
    List<Device> before = fleet.devices();

    ImportResult again = fleet.importDevices();

    assertThat(again.added()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(11);
    assertThat(fleet.devices()).isEqualTo(before);
  }

  @Test
  void reimport_refreshesRegistryAttributes_andKeepsFleetTagsAndFleetAttributes() {
    fleet.importDevices();
    fleet.tag(D1, "canary");
    fleet.setFleetAttribute(D1, "Fleet-Owner", "ops");
    RegistryDevice old = cisco.device(D1).orElseThrow();
    cisco.put(RegistryDevice.builder(D1)
        .nick("bathroom-wifi-2")
        .online(false)
        .revision("8")
        .systemAttributes(Map.of("Model", "121XPs-rev2"))
        .registryAttributes(old.registryAttributes())
        .build());

    ImportResult r = fleet.importDevices();

    assertThat(r.updated()).isEqualTo(1);
    Device d = fleet.device(D1);
    assertThat(d.nick()).isEqualTo("bathroom-wifi-2");
    assertThat(d.online()).isFalse();
    assertThat(d.revision()).contains("8");
    assertThat(d.attributes().get("Model")).contains("121XPs-rev2");
    assertThat(d.attributes().get("Manufacturer")).as("dropped by the registry").isEmpty();
    assertThat(d.tags()).containsExactly("canary");
    assertThat(d.attributes().get("Fleet-Owner", AttributeSource.FLEET)).contains("ops");
  }

  @Test
  void importDevices_ofChosenIds_importsOnlyThose() {
    ImportResult r = fleet.importDevices(List.of(D5, D1));

    assertThat(r.devices()).containsExactly(D1, D5);
    assertThat(fleet.deviceCount()).isEqualTo(2);
  }

  @Test
  void importDevices_ofUnknownIds_namesThemAndImportsNothing() {
    DeviceId ghost = DeviceId.parse("DEVICEID-6@cisco.com");

    assertThatThrownBy(() -> fleet.importDevices(List.of(D1, ghost)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("DEVICEID-6@cisco.com");
    assertThat(fleet.deviceCount()).isZero();
  }

  @Test
  void importDevices_ofAnUnconfiguredRegistry_namesTheRegistry() {
    assertThatThrownBy(() -> fleet.importDevices(List.of(DeviceId.parse("X@nowhere.net"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nowhere.net")
        .hasMessageContaining("cisco.com, pantahub.com");
  }

  @Test
  void attributes_showTheWalkthroughValuesWithTheirSources() {
    fleet.importDevices();
    fleet.tag(D1, "fleet-tag1");
    fleet.tag(D1, "fleet-tag2");

    Map<AttributeSource, List<Attribute>> bySource = fleet.attributes(D1).bySource();

    assertThat(lines(bySource.get(AttributeSource.SYSTEM)))
        .startsWith(
            "Manufacturer: Cisco",
            "Model: 121XPs",
            "CPU: MIPS Lantiq 1234",
            "Mem: 64M",
            "Flash: 8M NOR",
            "Timezone: Asia/Hong Kong",
            "Country: China",
            "State: Hong Kong",
            "Region: Hong Kong 1 (GOLD COAST)");
    assertThat(lines(bySource.get(AttributeSource.REGISTRY)))
        .contains(
            "Device-Name: bathroom-wifi",
            "Device-Location: lat:43.54123,lon:-76.123123",
            "Device-Tags: beta-device, user-tag2");
    assertThat(lines(bySource.get(AttributeSource.FLEET)))
        .containsExactly("Fleet-Tags: fleet-tag1, fleet-tag2");
  }

  private static List<String> lines(List<Attribute> attrs) {
    return attrs.stream().map(a -> a.name() + ": " + a.value()).collect(Collectors.toList());
  }

  @Test
  void tag_addsOnce_andUntagRemoves_bothIdempotent() {
    fleet.importDevices();

    fleet.tag(D5, "canary");
    fleet.tag(D5, "canary");
    assertThat(fleet.device(D5).tags()).containsExactly("canary");
    assertThat(fleet.device(D5).attributes().get("Fleet-Tags")).contains("canary");

    fleet.untag(D5, "canary");
    Device after = fleet.untag(D5, "canary");
    assertThat(after.tags()).isEmpty();
    assertThat(after.attributes().contains("Fleet-Tags")).isFalse();
  }

  @Test
  void tag_recordsOneEventPerChange_withTheClocksTimeAndActor() {
    fleet.importDevices();
    long before = fleet.events(0, 1000).size();
    clock.advance(Duration.ofMinutes(5));

    fleet.tag(D5, "canary");
    fleet.tag(D5, "canary");

    List<FleetEvent> events = fleet.events(0, 1000);
    assertThat(events).hasSize((int) before + 1);
    FleetEvent e = events.get(events.size() - 1);
    assertThat(e.type()).isEqualTo(EventType.DEVICE_TAGGED);
    assertThat(e.subject()).isEqualTo("DEVICEID-5@cisco.com");
    assertThat(e.actor()).isEqualTo("test");
    assertThat(e.time()).isEqualTo(clock.instant());
  }

  @Test
  void tag_withBadTag_isRefusedAndChangesNothing() {
    fleet.importDevices();
    Device before = fleet.device(D5);
    long events = fleet.events(0, 1000).size();

    assertThatThrownBy(() -> fleet.tag(D5, "two words"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'two words'");
    assertThatThrownBy(() -> fleet.tag(D5, "x".repeat(65)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> fleet.tag(D5, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tag");

    assertThat(fleet.device(D5)).isEqualTo(before);
    assertThat(fleet.events(0, 1000)).hasSize((int) events);
  }

  @Test
  void operationsOnAnUnknownDevice_failWithNotFound_namingTheDevice() {
    fleet.importDevices();
    DeviceId ghost = DeviceId.parse("GHOST@cisco.com");

    assertThatThrownBy(() -> fleet.device(ghost))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Unknown device 'GHOST@cisco.com'");
    assertThatThrownBy(() -> fleet.tag(ghost, "canary")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fleet.attributes(ghost)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fleet.setFleetAttribute(ghost, "Fleet-X", "y"))
        .isInstanceOf(NotFoundException.class);
    assertThat(fleet.findDevice(ghost)).isEmpty();
    assertThat(fleet.deviceCount()).isEqualTo(11);
  }

  @Test
  void fleetAttributes_areSetAndRemoved_asFleetSource() {
    fleet.importDevices();

    fleet.setFleetAttribute(D1, "Fleet-Owner", "ops team");
    assertThat(fleet.attributes(D1).attribute("Fleet-Owner").orElseThrow())
        .isEqualTo(new Attribute("Fleet-Owner", "ops team", AttributeSource.FLEET));

    fleet.removeFleetAttribute(D1, "Fleet-Owner");
    assertThat(fleet.attributes(D1).contains("Fleet-Owner")).isFalse();
  }

  @Test
  void setFleetAttribute_withBadName_isRefusedAndChangesNothing() {
    fleet.importDevices();
    Device before = fleet.device(D1);

    assertThatThrownBy(() -> fleet.setFleetAttribute(D1, "Owner", "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Fleet-");
    assertThatThrownBy(() -> fleet.setFleetAttribute(D1, "Fleet-Tags", "x"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> fleet.setFleetAttribute(D1, "Fleet-Note", "x".repeat(2000)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too long");

    assertThat(fleet.device(D1)).isEqualTo(before);
  }

  @Test
  void concurrentTaggingFromSeveralThreads_keepsEveryTag() throws Exception {
    fleet.importDevices();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int n = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          fleet.tag(D5, "t" + n + "-" + i);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(fleet.device(D5).tags()).hasSize(40);
  }

  @Test
  void builder_refusesTwoRegistriesWithTheSameName() {
    assertThatThrownBy(() -> FleetClient.builder()
            .registry(new FakeDeviceRegistry("a.io"))
            .registry(new FakeDeviceRegistry("A.io")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'a.io'");
  }

  @Test
  void newBuilder_makesAVariantSharingTheStore() {
    fleet.importDevices();
    FleetClient other = fleet.newBuilder().actor("other").build();

    other.tag(D1, "x");

    assertThat(fleet.device(D1).tags()).containsExactly("x");
    assertThat(fleet.events(0, 100)).last().extracting(FleetEvent::actor).isEqualTo("other");
  }

  @Test
  void defaultClient_usesAnInMemoryStore() {
    FleetClient c =
        FleetClient.builder().registry(new FakeDeviceRegistry("x.io")).build();

    assertThat(c.store()).isInstanceOf(InMemoryFleetStore.class);
    assertThat(c.importDevices().devices()).isEmpty();
  }
}
