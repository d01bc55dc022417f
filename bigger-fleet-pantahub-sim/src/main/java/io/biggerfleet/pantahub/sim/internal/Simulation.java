package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything behind {@code PantahubSimulator}: the hub state populated from a scenario, the device
 * agents and the HTTP server. Thread-safe. Not API.
 */
public final class Simulation implements AutoCloseable {
  /** A device as the public snapshot needs it. */
  public record DeviceView(
      String id,
      String nick,
      String ownerPrn,
      String secret,
      boolean online,
      int revision,
      Map<String, String> userMeta,
      Map<String, String> deviceMeta) {
    @Override
    public String toString() {
      return "DeviceView[" + id + " " + nick + "]";
    }
  }

  /** How to run: port, HTTP threads, summary lag, millisecond times, admin endpoint, response latency. */
  public record Settings(
      int port,
      int threads,
      java.time.Duration summaryLag,
      boolean millisecondTimes,
      boolean admin,
      java.time.Duration latency) {}

  private final Hub hub;
  private final Agents agents;
  private final HubServer server;
  private final Map<String, String> userPrns = new LinkedHashMap<>();

  public Simulation(Scenario scenario, Clock clock, Settings settings) throws IOException {
    hub = new Hub(clock, settings.millisecondTimes());
    hub.setSummaryLag(settings.summaryLag());
    agents = new Agents(hub, scenario.rules(), scenario.timing(), scenario.seed());
    for (SimUser u : scenario.users()) {
      userPrns.put(u.nick(), hub.addUser(u.nick(), u.password(), null).prn);
    }
    String firstUser = scenario.users().get(0).nick();
    Map<String, ObjectNode> factoryStates = new HashMap<>();
    int index = 0;
    for (DeviceSpec spec : scenario.devices()) {
      String ownerNick = spec.owner().isEmpty() ? firstUser : spec.owner();
      String owner = userPrns.get(ownerNick);
      ObjectNode factory = factoryStates.computeIfAbsent(owner, this::factoryState);
      String id =
          spec.id().orElseGet(() -> Ids.stableObjectId("device:" + ownerNick + "/" + spec.nick()));
      ObjectNode deviceMeta = Json.object();
      deviceMeta.put("pantavisor.revision", "0");
      deviceMeta.put("pantahub.online", "true");
      spec.deviceMeta().forEach(deviceMeta::put);
      ObjectNode userMeta = Json.object();
      spec.userMeta().forEach(userMeta::put);
      String secret = Ids.secret(15);
      DeviceRec d =
          hub.addDevice(id, spec.nick(), owner, secret, userMeta, deviceMeta, factory, index++);
      agents.attach(d);
    }
    server = new HubServer(
        hub,
        settings.port(),
        settings.threads(),
        settings.admin() ? router -> new AdminApi(this).routes(router) : null);
    server.latency(settings.latency());
  }

  /** The owner's rev-0 state: a BSP and one app, with the objects uploaded. */
  private ObjectNode factoryState(String owner) {
    ObjectNode s = Json.object();
    s.put("#spec", "pantavisor-service-system@1");
    s.put("bsp/kernel.img", putObject(owner, "bsp/kernel.img", "kernel 5.10.0 (factory)"));
    s.put("bsp/pantavisor", putObject(owner, "bsp/pantavisor", "pantavisor 019 (factory)"));
    s.set("bsp/run.json", Json.object().put("initrd", "pantavisor").put("linux", "kernel.img"));
    s.put(
        "pv-avahi/root.squashfs",
        putObject(owner, "pv-avahi/root.squashfs", "pv-avahi 1.0 (factory)"));
    s.set(
        "pv-avahi/run.json",
        Json.object()
            .put("name", "pv-avahi")
            .put("type", "lxc")
            .put("root-volume", "root.squashfs"));
    s.set("network-mapping.json", Json.object());
    s.set("storage-mapping.json", Json.object());
    return Json.toStored(s);
  }

  private String putObject(String owner, String name, String content) {
    return hub.putObject(owner, name, content.getBytes(StandardCharsets.UTF_8)).sha;
  }

  /** Uploads an object for a user; returns its sha256. */
  public String putObject(String userNick, String name, byte[] data) {
    String owner = userPrns.get(userNick);
    if (owner == null) {
      throw new IllegalArgumentException(
          "no user '" + userNick + "' in this simulator; users: " + userPrns.keySet());
    }
    ObjectRec o = hub.putObject(owner, name, data);
    synchronized (hub) {
      if (o.data == null) {
        o.data = data.clone();
      }
    }
    return o.sha;
  }

  /** Every token the hub issues from now on lives {@code lifetime} and may be refreshed for as long. */
  public void tokenLifetime(java.time.Duration lifetime) {
    synchronized (hub) {
      hub.tokenTimeout = lifetime;
      hub.anonTimeout = lifetime;
      if (hub.maxRefresh.compareTo(lifetime) < 0) {
        hub.maxRefresh = lifetime;
      }
    }
  }

  public String baseUri() {
    return hub.base();
  }

  public Map<String, String> userPrns() {
    return Map.copyOf(userPrns);
  }

  public List<DeviceView> devices() {
    List<DeviceView> out = new ArrayList<>();
    synchronized (hub) {
      for (DeviceRec d : hub.devices.values()) {
        out.add(view(d));
      }
    }
    return out;
  }

  /** A device by id or nick, or null. */
  public DeviceView device(String idOrNick) {
    synchronized (hub) {
      DeviceRec d = hub.devices.get(idOrNick);
      if (d == null) {
        d = hub.devices.values().stream()
            .filter(x -> x.nick.equals(idOrNick))
            .findFirst()
            .orElse(null);
      }
      return d == null ? null : view(d);
    }
  }

  private static DeviceView view(DeviceRec d) {
    JsonNode rev = d.deviceMeta.get("pantavisor" + Json.DOT + "revision");
    int r;
    try {
      r = rev == null ? 0 : Integer.parseInt(rev.asText());
    } catch (NumberFormatException e) {
      r = 0;
    }
    return new DeviceView(
        d.id,
        d.nick,
        d.owner,
        d.secret,
        d.offlineSince == null,
        r,
        texts(d.userMeta),
        texts(d.deviceMeta));
  }

  private static Map<String, String> texts(ObjectNode stored) {
    Map<String, String> m = new LinkedHashMap<>();
    Json.fromStored(stored)
        .properties()
        .forEach(e -> m.put(
            e.getKey(),
            e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
    return m;
  }

  /**
   * Steers a simulated device on demand: {@code offline}, {@code online}, {@code fail}, {@code succeed},
   * {@code hang}, {@code rollback} (with {@code message} for fail and rollback) or {@code rules} (drop
   * a pending order). Returns the device's snapshot afterwards.
   *
   * @throws IllegalArgumentException for an unknown device or action, or a device that is not simulated
   */
  public DeviceView steer(String idOrNick, String action, String message) {
    DeviceRec d;
    synchronized (hub) {
      d = hub.devices.get(idOrNick);
      if (d == null) {
        d = hub.devices.values().stream()
            .filter(x -> x.nick.equals(idOrNick))
            .findFirst()
            .orElse(null);
      }
    }
    if (d == null) {
      throw new IllegalArgumentException("no device '" + idOrNick + "'");
    }
    switch (action) {
      case "offline" -> agents.offline(d);
      case "online" -> agents.online(d);
      case "fail" ->
        agents.order(d, new Decision.Order(Decision.Order.Kind.FAIL, required(message, action)));
      case "succeed" -> agents.order(d, new Decision.Order(Decision.Order.Kind.SUCCEED, null));
      case "hang" -> agents.order(d, new Decision.Order(Decision.Order.Kind.HANG, null));
      case "rollback" ->
        agents.order(
            d, new Decision.Order(Decision.Order.Kind.ROLL_BACK, required(message, action)));
      case "rules" -> agents.order(d, null);
      default ->
        throw new IllegalArgumentException("unknown action '" + action
            + "'; expected offline, online, fail, succeed, hang, rollback or rules");
    }
    synchronized (hub) {
      return view(d);
    }
  }

  /** Whether the device with this id is simulated (created by the scenario). */
  public boolean simulated(String id) {
    synchronized (hub) {
      DeviceRec d = hub.devices.get(id);
      return d != null && d.agent != null;
    }
  }

  /** The order a device will apply to its current or next update, or null. */
  public String pendingOrder(String id) {
    DeviceRec d;
    synchronized (hub) {
      d = hub.devices.get(id);
    }
    return d == null || d.agent == null ? null : agents.pendingOrder(d);
  }

  private static String required(String message, String action) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException(action + " needs a status message");
    }
    return message;
  }

  public int runDue(Instant now) {
    return agents.runDue(now);
  }

  public Instant nextDue() {
    return agents.nextDue();
  }

  @Override
  public void close() {
    server.close();
  }
}
