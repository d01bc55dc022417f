package io.biggerfleet.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.spi.RegistryDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceRegistry} must do, as device import and the engine rely on it: its name is
 * lower-case and the registry part of every id it returns; {@code devices()} lists each device once and
 * can be read again; {@code device(id)} finds a listed device with the same identity and attributes, and
 * is empty — not an error — for an id it does not hold, including an id of another registry; lookups
 * from several threads at once all answer.
 *
 * <p>Subclasses give a {@link Fixture}: a registry holding at least the {@link Fixture#knownDevices()},
 * and an id of that registry it does not hold. Each test gets a new fixture.
 */
public abstract class DeviceRegistryContractTest {
  /** The registry under test and what a test may expect of it. */
  public interface Fixture {
    /** The registry under test. */
    DeviceRegistry registry();

    /** Ids the registry holds (at least one; it may hold more). */
    List<DeviceId> knownDevices();

    /** An id with this registry's name that the registry does not hold. */
    DeviceId unknownDevice();
  }

  /** A fresh fixture. Called once before each test. */
  protected abstract Fixture newFixture() throws Exception;

  private Fixture f;
  private DeviceRegistry registry;

  @BeforeEach
  void setUp() throws Exception {
    f = newFixture();
    registry = f.registry();
    assertThat(f.knownDevices()).as("the fixture's known devices").isNotEmpty();
  }

  @Test
  void name_isLowerCase_andTheRegistryOfEveryListedDevice() {
    assertThat(registry.name()).isNotBlank().isEqualTo(registry.name().toLowerCase(Locale.ROOT));
    assertThat(listed()).extracting(d -> d.id().registry()).containsOnly(registry.name());
  }

  @Test
  void devices_listsEveryKnownDevice_eachOnce() {
    List<DeviceId> ids = listed().stream().map(RegistryDevice::id).collect(Collectors.toList());
    assertThat(ids).containsAll(f.knownDevices()).doesNotHaveDuplicates();
  }

  @Test
  void devices_readTwice_listsTheSameDevices() {
    assertThat(ids(listed())).isEqualTo(ids(listed()));
  }

  @Test
  void device_ofAKnownId_isTheListedDevice_withItsNickAndAttributes() {
    List<RegistryDevice> all = listed();
    for (DeviceId id : f.knownDevices()) {
      RegistryDevice listed =
          all.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
      Optional<RegistryDevice> found = registry.device(id);
      assertThat(found).as("device(%s)", id).isPresent();
      RegistryDevice d = found.orElseThrow();
      assertThat(d.id()).isEqualTo(id);
      assertThat(d.nick()).isEqualTo(listed.nick());
      assertThat(d.systemAttributes())
          .as("system attributes of %s", id)
          .isEqualTo(listed.systemAttributes());
      assertThat(d.registryAttributes())
          .as("registry attributes of %s", id)
          .isEqualTo(listed.registryAttributes());
    }
  }

  @Test
  void device_ofAnIdThisRegistryDoesNotHold_isEmpty() {
    assertThat(f.unknownDevice().registry())
        .as("the fixture's unknown device")
        .isEqualTo(registry.name());
    assertThat(registry.device(f.unknownDevice())).isEmpty();
  }

  @Test
  void device_ofAnIdOfAnotherRegistry_isEmpty() {
    DeviceId known = f.knownDevices().get(0);
    DeviceId elsewhere = DeviceId.of(known.id(), "other-" + registry.name());
    assertThat(registry.device(elsewhere)).isEmpty();
  }

  @Test
  void concurrentLookups_allFindTheirDevice() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Optional<RegistryDevice>>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        DeviceId id = f.knownDevices().get(i % f.knownDevices().size());
        answers.add(pool.submit(() -> registry.device(id)));
      }
      for (int i = 0; i < answers.size(); i++) {
        DeviceId id = f.knownDevices().get(i % f.knownDevices().size());
        assertThat(answers.get(i).get(30, TimeUnit.SECONDS))
            .as("lookup %d", i)
            .get()
            .extracting(RegistryDevice::id)
            .isEqualTo(id);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<RegistryDevice> listed() {
    try (Stream<RegistryDevice> all = registry.devices()) {
      return all.collect(Collectors.toList());
    }
  }

  private static Set<DeviceId> ids(List<RegistryDevice> devices) {
    return devices.stream().map(RegistryDevice::id).collect(Collectors.toCollection(TreeSet::new));
  }
}
