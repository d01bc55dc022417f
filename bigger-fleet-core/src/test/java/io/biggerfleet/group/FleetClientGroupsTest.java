package io.biggerfleet.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.FleetClient;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.match.MatchSyntaxException;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.testing.FakeDeviceRegistry;
import io.biggerfleet.testing.WalkthroughFleet;
import io.biggerfleet.testing.contract.TestRecords;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetClientGroupsTest {
  private static final String CISCO = "Manufacturer==\"Cisco\"";
  private static final DeviceId D1 = DeviceId.parse("DEVICEID-1@cisco.com");
  private static final DeviceId D4 = DeviceId.parse("DEVICEID-4@cisco.com");
  private static final DeviceId D5 = DeviceId.parse("DEVICEID-5@cisco.com");

  private final ManualClock clock = ManualClock.at("2026-01-10T12:00:00Z");
  private final AtomicInteger writes = new AtomicInteger();
  private final InMemoryFleetStore memory = new InMemoryFleetStore();
  private FakeDeviceRegistry cisco;
  private FleetStore store;
  private FleetClient fleet;

  @BeforeEach
  void setUp() {
    store = new CountingStore(memory, writes);
    List<FakeDeviceRegistry> regs = WalkthroughFleet.registries();
    cisco = regs.get(0);
    fleet = FleetClient.builder().registries(regs).store(store).clock(clock).build();
    fleet.importDevices();
  }

  private List<String> ids(String selector) {
    return fleet.selectors().resolve(selector).stream()
        .map(DeviceId::id)
        .collect(Collectors.toList());
  }

  // ------------------------------------------------------------------ nesting and refinement

  @Test
  void addGroup_nested_refinesItsParentAtEveryLevel() {
    fleet.addGroup("/", "/co", CISCO);
    fleet.addGroup("/co", "/co/cisco", "Mem in [\"64M\", \"128M\", \"1G\"]");
    GroupUpdate u = fleet.addGroup("/co/cisco", "/co/cisco/usa", "Country==\"USA\"");

    assertThat(u.lines())
        .containsExactly(
            "Adding Group \"/co/cisco/usa\" (refining /co/cisco).",
            "Currently 3 out of 5 matches..");
    assertThat(ids("/co/cisco/usa")).containsExactly("DEVICEID-2", "DEVICEID-3", "DEVICEID-8");
  }

  @Test
  void explain_walksFromTheTopGroupDown_andAgreesWithMembership() {
    fleet.addGroup("/", "/co", CISCO);
    fleet.addGroup("/co", "/co/usa", "Country==\"USA\"");
    List<String> members = ids("/co/usa");

    for (var d : fleet.devices()) {
      io.biggerfleet.match.Explanation e = fleet.explain("/co/usa", d.id());
      assertThat(e.matched()).as("%s", d.id()).isEqualTo(members.contains(d.id().id()));
      assertThat(e.children())
          .extracting(io.biggerfleet.match.Explanation::text)
          .containsExactly("/co", "/co/usa");
    }
    io.biggerfleet.match.Explanation d5 = fleet.explain("/co/usa", D5);
    assertThat(d5.children().get(0).terms())
        .extracting(io.biggerfleet.match.Explanation::observed)
        .containsExactly("Manufacturer = \"Cisco\" (reported by the device)");
  }

  @Test
  void explain_unknownGroupOrDevice_isNotFound_andRootHoldsEveryDevice() {
    assertThatThrownBy(() -> fleet.explain("/nope", D1))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("/nope");
    assertThatThrownBy(() -> fleet.explain("/", DeviceId.parse("X@cisco.com")))
        .isInstanceOf(NotFoundException.class);
    assertThat(fleet.explain("/", D1).matched()).isTrue();
  }

  @Test
  void addGroup_opaqueTerms_countLikeAPlainFilter() {
    GroupUpdate u = fleet.addGroup("/", "/big", "Mem >= 512M");

    assertThat(u.members()).isEqualTo(6); // 512M, 1G, 4G, 2G, 8G, 1G
    assertThat(ids("/big"))
        .containsExactly(
            "DEVICEID-7", "DEVICEID-8", "DEVICEID-9", "DEVICEID-A", "DEVICEID-B", "DEVICEID-C");
  }

  @Test
  void changeGroupExpression_updatesTheGroupAndItsDescendants() {
    fleet.addGroup("/", "/co", CISCO);
    fleet.addGroup("/co", "/co/usa", "Country==\"USA\"");
    assertThat(ids("/co/usa"))
        .containsExactly("DEVICEID-2", "DEVICEID-3", "DEVICEID-7", "DEVICEID-8");

    GroupUpdate u = fleet.changeGroupExpression("/co", "Model==\"121XPs\"");

    assertThat(u.lines())
        .containsExactly("Changed Group \"/co\" (refining /).", "Currently 4 out of 11 matches..");
    assertThat(ids("/co/usa")).containsExactly("DEVICEID-2", "DEVICEID-3");
    assertThat(fleet.groups())
        .extracting(Group::expression)
        .containsExactly("Model==\"121XPs\"", "Country==\"USA\"");
  }

  @Test
  void removeGroup_leafGroup_isGoneAndLogged() {
    fleet.addGroup("/", "/co", CISCO);

    Group removed = fleet.removeGroup("/co");

    assertThat(removed.path()).isEqualTo("/co");
    assertThat(fleet.groups()).isEmpty();
    assertThatThrownBy(() -> fleet.selectors().resolve("/co"))
        .isInstanceOf(NotFoundException.class);
    assertThat(fleet.events(0, 100))
        .extracting(FleetEvent::type)
        .contains(EventType.GROUP_ADDED, EventType.GROUP_REMOVED);
  }

  @Test
  void removeGroup_withChildren_isRefusedNamingThem() {
    fleet.addGroup("/", "/co", CISCO);
    fleet.addGroup("/co", "/co/usa", "Country==\"USA\"");

    assertThatThrownBy(() -> fleet.removeGroup("/co"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Group /co still has 1 child group: /co/usa; remove them first");
    assertThat(fleet.groups()).hasSize(2);
  }

  @Test
  void removeGroup_usedByAnActiveRollout_isRefusedNamingIt() {
    fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains canary");
    memory.write(WriteBatch.builder()
        .putRollout(
            TestRecords.rollout(
                "ROLLOUT5",
                RolloutState.ACTIVE,
                "set kernel=x",
                "m",
                "/specialsets/canary",
                clock.instant()),
            0)
        .build());

    assertThatThrownBy(() -> fleet.removeGroup("/specialsets/canary"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Group /specialsets/canary is used by active rollout ROLLOUT5; finish or abort it first");
    assertThat(fleet.groups()).hasSize(1);
  }

  @Test
  void removeGroup_usedOnlyByADraftRollout_isAllowed() {
    fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains canary");
    memory.write(WriteBatch.builder()
        .putRollout(
            TestRecords.rollout(
                "ROLLOUT5",
                RolloutState.DRAFT,
                "set kernel=x",
                "m",
                "/specialsets/*",
                clock.instant()),
            0)
        .build());

    fleet.removeGroup("/specialsets/canary");

    assertThat(fleet.groups()).isEmpty();
  }

  // ------------------------------------------------------------------ bad input stores nothing

  @Test
  void addGroup_badInput_isRefusedWithAClearMessageAndStoresNothing() {
    fleet.addGroup("/", "/co", CISCO);
    int before = writes.get();

    assertThatThrownBy(() -> fleet.addGroup("/", "co/cisco", CISCO))
        .hasMessage("Group path: Group path 'co/cisco' must start with '/', e.g. /co/cisco");
    assertThatThrownBy(() -> fleet.addGroup("/", "/co//cisco", CISCO))
        .hasMessageContaining("empty segment");
    assertThatThrownBy(() -> fleet.addGroup("/nope", "/nope/x", CISCO))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Unknown group '/nope'");
    assertThatThrownBy(() -> fleet.addGroup("/", "/co", CISCO))
        .hasMessageStartingWith("Group /co already exists");
    assertThatThrownBy(() -> fleet.addGroup("/co", "/other/x", CISCO))
        .hasMessage("Group /other/x must lie below its parent /co, e.g. /co/x");
    assertThatThrownBy(() -> fleet.addGroup("/", "/x"))
        .hasMessageStartingWith("Group expression is empty");
    assertThatThrownBy(() -> fleet.addGroup("/", "/x", "Model==", "\"121XPs\"", "&&"))
        .isInstanceOf(MatchSyntaxException.class)
        .hasMessageContaining("^");

    assertThat(writes.get()).isEqualTo(before);
    assertThat(fleet.groups()).extracting(Group::path).containsExactly("/co");
  }

  @Test
  void tagAll_badTagOrSelector_storesNothing() {
    int before = writes.get();

    assertThatThrownBy(() -> fleet.tagAll("/", "two words"))
        .hasMessageContaining("has a space at position 4");
    assertThatThrownBy(() -> fleet.tagAll("/nope", "x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Unknown group '/nope'");
    assertThatThrownBy(() -> fleet.tagAll("/nope/*", "x"))
        .hasMessage("Glob '/nope/*' matches no group and no device path");
    assertThatThrownBy(() -> fleet.tagAll("Model==", "x")).isInstanceOf(MatchSyntaxException.class);

    assertThat(writes.get()).isEqualTo(before);
  }

  // ------------------------------------------------------------------ selectors

  @Test
  void selectors_resolveEveryKind() {
    fleet.addGroup("/", "/co/cisco/121XPs", CISCO, "Model==\"121XPs\"");
    fleet.addGroup("/", "/co/pi/4B", "Model==\"Pi 4B\"");

    assertThat(ids("/")).hasSize(11);
    assertThat(ids("/co/cisco/121XPs"))
        .containsExactly("DEVICEID-1", "DEVICEID-2", "DEVICEID-3", "DEVICEID-5");
    assertThat(ids("/co")).hasSize(8); // a path with groups below it: their members
    assertThat(ids("/co/*/121XPs"))
        .containsExactly("DEVICEID-1", "DEVICEID-2", "DEVICEID-3", "DEVICEID-5");
    assertThat(ids("/co/**")).hasSize(8);
    assertThat(ids("/co/cisco/121XPs/DEVICEID-5@cisco.com")).containsExactly("DEVICEID-5");
    assertThat(ids("/co/cisco/121XPs/DEVICEID-?@cisco.com"))
        .containsExactly("DEVICEID-1", "DEVICEID-2", "DEVICEID-3", "DEVICEID-5");
    assertThat(ids("DEVICEID-4@cisco.com")).containsExactly("DEVICEID-4");
    assertThat(ids("/DEVICEID-4@cisco.com")).containsExactly("DEVICEID-4");
    assertThat(ids("Country==\"USA\" && Mem < 1G"))
        .containsExactly("DEVICEID-2", "DEVICEID-3", "DEVICEID-7");
  }

  @Test
  void selectors_deviceNotInTheNamedGroup_isReported() {
    fleet.addGroup("/", "/co/cisco/121XPs", CISCO, "Model==\"121XPs\"");

    assertThatThrownBy(() -> fleet.selectors().resolve("/co/cisco/121XPs/DEVICEID-4@cisco.com"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Device DEVICEID-4@cisco.com is not in group /co/cisco/121XPs "
            + "(device path '/co/cisco/121XPs/DEVICEID-4@cisco.com')");
    assertThatThrownBy(() -> fleet.selectors().resolve("DEVICEID-Z@cisco.com"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void selectors_emptyGroup_resolvesToEmptyNotAnError() {
    fleet.addGroup("/", "/nobody", "Model==\"none\"");

    assertThat(fleet.selectors().resolve("/nobody")).isEmpty();
    assertThat(fleet.selectors().resolve("/nobody/*")).isEmpty();
  }

  // ------------------------------------------------------------------ ls

  @Test
  void ls_subtree_listsEachDeviceOncePerGroupPath() {
    fleet.addGroup("/", "/co", CISCO);
    fleet.addGroup("/co", "/co/uk", "Country==\"United Kingdom\"");
    fleet.tag(D5, "canary");

    assertThat(fleet.ls("/co/uk").lines())
        .containsExactly("/co/uk/DEVICEID-5@cisco.com canary", "Found 1 device");
    Listing co = fleet.ls("/co");
    assertThat(co.entries()).hasSize(8);
    assertThat(co.summary()).isEqualTo("Found 7 devices");
    assertThat(co.lines())
        .contains("/co/DEVICEID-5@cisco.com canary", "/co/uk/DEVICEID-5@cisco.com canary");
  }

  @Test
  void ls_unknownPath_isReported() {
    assertThatThrownBy(() -> fleet.ls("/nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Unknown group '/nope'");
    assertThat(fleet.ls("/").lines()).containsExactly("Found 0 devices");
  }

  // ------------------------------------------------------------------ membership stays current

  @Test
  void membership_followsImportsAttributesAndTags() {
    fleet.addGroup("/", "/co", CISCO);
    fleet.addGroup("/co", "/co/owned", "Fleet-Owner==\"ops\"");
    fleet.addGroup("/", "/beta", "Fleet-Tags contains beta");

    cisco.put(RegistryDevice.builder(DeviceId.parse("DEVICEID-D@cisco.com"))
        .nick("new")
        .systemAttribute("Manufacturer", "Cisco")
        .build());
    fleet.importDevices();
    fleet.setFleetAttribute(D1, "Fleet-Owner", "ops");
    fleet.setFleetAttribute(DeviceId.parse("DEVICEID-9@pantahub.com"), "Fleet-Owner", "ops");
    fleet.tag(D4, "beta");

    assertThat(ids("/co")).contains("DEVICEID-D").hasSize(8);
    assertThat(ids("/co/owned")).containsExactly("DEVICEID-1");
    assertThat(ids("/beta")).containsExactly("DEVICEID-4");

    fleet.removeFleetAttribute(D1, "Fleet-Owner");
    cisco.put(RegistryDevice.builder(DeviceId.parse("DEVICEID-D@cisco.com"))
        .nick("new")
        .systemAttribute("Manufacturer", "Other")
        .build());
    fleet.importDevices();

    assertThat(ids("/co/owned")).isEmpty();
    assertThat(ids("/co")).doesNotContain("DEVICEID-D");
  }

  @Test
  void membership_isSharedByClientsDerivedFromTheSameStore() {
    fleet.addGroup("/", "/beta", "Fleet-Tags contains beta");
    FleetClient other = fleet.newBuilder().actor("other").build();

    other.tag(D4, "beta");

    assertThat(ids("/beta")).containsExactly("DEVICEID-4");
  }

  @Test
  void reloadGroups_picksUpWritesMadeBehindTheClientsBack() {
    fleet.addGroup("/", "/beta", "Fleet-Tags contains beta");
    var d4 = memory.device(D4).orElseThrow();
    memory.write(WriteBatch.builder()
        .putDevice(d4.value().toBuilder().addTag("beta").build(), d4.version())
        .build());
    assertThat(ids("/beta")).isEmpty();

    fleet.reloadGroups();

    assertThat(ids("/beta")).containsExactly("DEVICEID-4");
  }

  // ------------------------------------------------------------------ tags

  @Test
  void tagAll_manyDevices_isOneStoreWriteWithOneEvent() {
    fleet.addGroup("/", "/co", CISCO);
    int before = writes.get();
    long events = fleet.events(0, 1000).size();

    TagChange c = fleet.tagAll("/co", "conservative");

    assertThat(c.message()).isEqualTo("Tag \"conservative\" added to 7 devices.");
    assertThat(writes.get()).isEqualTo(before + 1);
    assertThat(fleet.events(0, 1000)).hasSize((int) events + 1);
    assertThat(fleet.devices().stream()
            .filter(d -> d.tags().contains("conservative"))
            .count())
        .isEqualTo(7);
  }

  /** Counts the batches written, to check "one transaction per command" and "nothing stored". */
  private static final class CountingStore implements FleetStore {
    private final FleetStore d;
    private final AtomicInteger writes;

    CountingStore(FleetStore d, AtomicInteger writes) {
      this.d = d;
      this.writes = writes;
    }

    @Override
    public void write(WriteBatch batch) {
      d.write(batch);
      writes.incrementAndGet();
    }

    @Override
    public java.util.Optional<io.biggerfleet.spi.Versioned<io.biggerfleet.device.Device>> device(
        DeviceId id) {
      return d.device(id);
    }

    @Override
    public List<io.biggerfleet.spi.Versioned<io.biggerfleet.device.Device>> devices() {
      return d.devices();
    }

    @Override
    public long deviceCount() {
      return d.deviceCount();
    }

    @Override
    public java.util.Optional<io.biggerfleet.spi.Versioned<Group>> group(String path) {
      return d.group(path);
    }

    @Override
    public List<io.biggerfleet.spi.Versioned<Group>> groups() {
      return d.groups();
    }

    @Override
    public java.util.Optional<io.biggerfleet.spi.Versioned<Rollout>> rollout(String name) {
      return d.rollout(name);
    }

    @Override
    public List<io.biggerfleet.spi.Versioned<Rollout>> rollouts() {
      return d.rollouts();
    }

    @Override
    public java.util.Optional<
            io.biggerfleet.spi.Versioned<io.biggerfleet.model.DeviceRolloutProgress>>
        progress(String rollout, DeviceId device) {
      return d.progress(rollout, device);
    }

    @Override
    public List<io.biggerfleet.spi.Versioned<io.biggerfleet.model.DeviceRolloutProgress>> progress(
        String rollout) {
      return d.progress(rollout);
    }

    @Override
    public List<FleetEvent> events(long afterSeq, int limit) {
      return d.events(afterSeq, limit);
    }
  }
}
