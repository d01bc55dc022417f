package io.biggerfleet.pantahub.sim;

import io.biggerfleet.pantahub.sim.internal.FleetGenerator;
import io.biggerfleet.pantahub.sim.internal.ScenarioJson;
import io.biggerfleet.pantahub.sim.internal.WalkthroughScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a simulator starts with: users, devices, behaviour rules, timing and the random seed. Same
 * scenario and seed, same run.
 *
 * <p>Sources: {@link #builder()}, {@link #walkthrough()} (the product walkthrough's eleven devices),
 * {@link #generated(int, long)} (N devices with realistic attribute mixes) and {@link #fromJson(String)}
 * (the JSON scenario format of {@code docs/simulator.md}). Without users, a scenario has the demo user
 * {@code user1} with password {@code user1} (like the real hub's demo accounts).
 *
 * <p>Immutable and thread-safe.
 */
public final class Scenario {
  private final List<SimUser> users;
  private final List<DeviceSpec> devices;
  private final List<Rule> rules;
  private final Timing timing;
  private final long seed;

  private Scenario(Builder b) {
    this.users = List.copyOf(b.users.isEmpty() ? List.of(SimUser.of("user1", "user1")) : b.users);
    this.devices = List.copyOf(b.devices);
    this.rules = List.copyOf(b.rules);
    this.timing = b.timing;
    this.seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this scenario's values (to add devices, rules …). */
  public Builder toBuilder() {
    Builder b = new Builder().timing(timing).seed(seed);
    users.forEach(b::user);
    devices.forEach(b::device);
    rules.forEach(b::rule);
    return b;
  }

  /**
   * The walkthrough fleet: user {@code user1}, eleven devices ({@code bathroom-wifi} … {@code
   * devbox4-wifi}) with their SYSTEM attributes as device-meta and REGISTRY attributes as user-meta,
   * and the walkthrough's failures: {@code devbox3-wifi} reports "app checksum mismatch - download
   * corrupted." and {@code devbox4-wifi} "starting new app failed - segmentation fault" for changes
   * whose commit message mentions "App".
   */
  public static Scenario walkthrough() {
    return WalkthroughScenario.build();
  }

  /**
   * {@code count} devices owned by {@code user1} with attributes drawn from realistic distributions
   * (manufacturers and models with matching CPU/memory/flash, countries with time zones, regions and
   * locations, kernels, tags), reproducible for a seed.
   *
   * @throws IllegalArgumentException when count is negative or above 1,000,000
   */
  public static Scenario generated(int count, long seed) {
    if (count < 0 || count > 1_000_000) {
      throw new IllegalArgumentException(
          "generated device count must be in [0, 1000000], was " + count);
    }
    return FleetGenerator.generate(count, seed);
  }

  /**
   * Reads a JSON scenario (format in {@code docs/simulator.md}).
   *
   * @throws IllegalArgumentException naming the JSON path of the first problem
   */
  public static Scenario fromJson(String json) {
    return ScenarioJson.parse(json);
  }

  /**
   * Reads a JSON scenario file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file and the JSON path of the first problem
   */
  public static Scenario fromJson(Path file) throws IOException {
    String text = Files.readString(file);
    try {
      return ScenarioJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public List<SimUser> users() {
    return users;
  }

  public List<DeviceSpec> devices() {
    return devices;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Timing timing() {
    return timing;
  }

  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scenario s
        && users.equals(s.users)
        && devices.equals(s.devices)
        && rules.equals(s.rules)
        && timing.equals(s.timing)
        && seed == s.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(users, devices, rules, timing, seed);
  }

  @Override
  public String toString() {
    return "Scenario[" + users.size() + " users, " + devices.size() + " devices, " + rules.size()
        + " rules, seed=" + seed + "]";
  }

  /** Builder for {@link Scenario}; not thread-safe. */
  public static final class Builder {
    private final List<SimUser> users = new ArrayList<>();
    private final List<DeviceSpec> devices = new ArrayList<>();
    private final Set<String> deviceKeys = new HashSet<>();
    private final List<Rule> rules = new ArrayList<>();
    private Timing timing = Timing.defaults();
    private long seed = 1;

    private Builder() {}

    /** @throws IllegalArgumentException when a user with that nick already exists */
    public Builder user(SimUser user) {
      Objects.requireNonNull(user, "user");
      if (users.stream().anyMatch(u -> u.nick().equals(user.nick()))) {
        throw new IllegalArgumentException("scenario already has a user '" + user.nick() + "'");
      }
      users.add(user);
      return this;
    }

    public Builder user(String nick, String password) {
      return user(SimUser.of(nick, password));
    }

    /** @throws IllegalArgumentException when the owner already has a device with that nick */
    public Builder device(DeviceSpec device) {
      Objects.requireNonNull(device, "device");
      if (!deviceKeys.add(device.owner() + "/" + device.nick())) {
        throw new IllegalArgumentException("scenario already has a device '" + device.nick() + "'"
            + (device.owner().isEmpty() ? "" : " of '" + device.owner() + "'"));
      }
      devices.add(device);
      return this;
    }

    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder timing(Timing timing) {
      this.timing = Objects.requireNonNull(timing, "timing");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @throws IllegalArgumentException when a device's owner is not a user of the scenario */
    public Scenario build() {
      Set<String> nicks = new HashSet<>();
      users.forEach(u -> nicks.add(u.nick()));
      if (users.isEmpty()) {
        nicks.add("user1");
      }
      for (DeviceSpec d : devices) {
        if (!d.owner().isEmpty() && !nicks.contains(d.owner())) {
          throw new IllegalArgumentException("device '" + d.nick() + "' is owned by '" + d.owner()
              + "', which is not a user of the scenario " + nicks);
        }
      }
      return new Scenario(this);
    }
  }
}
