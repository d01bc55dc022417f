package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimUser;
import io.biggerfleet.pantahub.sim.Timing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the JSON scenario format (see {@code docs/simulator.md}). Strict: unknown keys and wrong types
 * are errors naming their JSON path ({@code $.rules[1].action}). Not API.
 */
public final class ScenarioJson {
  private static final Set<String> TOP =
      Set.of("seed", "base", "generate", "users", "devices", "timing", "rules");
  private static final Set<String> USER = Set.of("nick", "password");
  private static final Set<String> DEVICE =
      Set.of("nick", "owner", "id", "user-meta", "device-meta");
  private static final Set<String> TIMING =
      Set.of("pickup", "phase", "reboot", "testing", "jitter");
  private static final Set<String> RULE = Set.of(
      "when",
      "commit-msg-contains",
      "state-contains",
      "commit-msg-not-contains",
      "state-not-contains",
      "change-sets",
      "change-not-sets",
      "attempts",
      "probability",
      "action",
      "message",
      "duration",
      "factor");

  private ScenarioJson() {}

  public static Scenario parse(String json) {
    JsonNode root = Json.parseOrNull(json.getBytes(StandardCharsets.UTF_8));
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("scenario $: expected a JSON object");
    }
    keys(root, "$", TOP);
    long seed = root.has("seed") ? integer(root.get("seed"), "$.seed") : 1;
    Scenario.Builder b;
    String base = root.has("base") ? text(root.get("base"), "$.base") : "empty";
    switch (base) {
      case "walkthrough":
        b = Scenario.walkthrough().toBuilder();
        break;
      case "generated":
        b =
            Scenario.generated((int) integer(root.path("generate"), "$.generate"), seed)
                .toBuilder();
        break;
      case "empty":
        b = Scenario.builder();
        break;
      default:
        throw new IllegalArgumentException(
            "scenario $.base: expected walkthrough, generated or empty but was '" + base + "'");
    }
    b.seed(seed);
    Scenario.Builder builder = b;
    each(root, "users", (n, p) -> {
      keys(n, p, USER);
      run(
          p,
          () -> builder.user(SimUser.of(
              text(n.get("nick"), p + ".nick"), text(n.get("password"), p + ".password"))));
    });
    each(root, "devices", (n, p) -> {
      keys(n, p, DEVICE);
      run(p, () -> builder.device(device(n, p)));
    });
    if (root.has("timing")) {
      builder.timing(timing(root.get("timing"), "$.timing"));
    }
    each(root, "rules", (n, p) -> {
      keys(n, p, RULE);
      run(p, () -> builder.rule(rule(n, p)));
    });
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("scenario $: " + e.getMessage(), e);
    }
  }

  private interface NodeAt {
    void accept(JsonNode n, String path);
  }

  private static void each(JsonNode root, String field, NodeAt f) {
    JsonNode arr = root.get(field);
    if (arr == null) {
      return;
    }
    if (!arr.isArray()) {
      throw new IllegalArgumentException("scenario $." + field + ": expected an array");
    }
    for (int i = 0; i < arr.size(); i++) {
      String p = "$." + field + "[" + i + "]";
      if (!arr.get(i).isObject()) {
        throw new IllegalArgumentException("scenario " + p + ": expected an object");
      }
      f.accept(arr.get(i), p);
    }
  }

  private static void run(String path, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("scenario ")) {
        throw e;
      }
      throw new IllegalArgumentException("scenario " + path + ": " + e.getMessage(), e);
    }
  }

  private static DeviceSpec device(JsonNode n, String p) {
    DeviceSpec.Builder d = DeviceSpec.builder(text(n.get("nick"), p + ".nick"));
    if (n.has("owner")) {
      d.owner(text(n.get("owner"), p + ".owner"));
    }
    if (n.has("id")) {
      d.id(text(n.get("id"), p + ".id"));
    }
    stringMap(n.get("user-meta"), p + ".user-meta", d::userMeta);
    stringMap(n.get("device-meta"), p + ".device-meta", d::deviceMeta);
    return d.build();
  }

  private interface KeyValue {
    void put(String k, String v);
  }

  private static void stringMap(JsonNode n, String p, KeyValue out) {
    if (n == null) {
      return;
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("scenario " + p + ": expected an object of strings");
    }
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      out.put(k, text(n.get(k), p + "." + k));
    }
  }

  private static Timing timing(JsonNode n, String p) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("scenario " + p + ": expected an object");
    }
    keys(n, p, TIMING);
    Timing.Builder t = Timing.builder();
    Consumer<Runnable> at = Runnable::run;
    if (n.has("pickup")) {
      t.pickup(duration(n.get("pickup"), p + ".pickup"));
    }
    if (n.has("phase")) {
      t.phase(duration(n.get("phase"), p + ".phase"));
    }
    if (n.has("reboot")) {
      t.reboot(duration(n.get("reboot"), p + ".reboot"));
    }
    if (n.has("testing")) {
      t.testing(duration(n.get("testing"), p + ".testing"));
    }
    if (n.has("jitter")) {
      double j = number(n.get("jitter"), p + ".jitter");
      at.accept(() -> run(p + ".jitter", () -> t.jitter(j)));
    }
    return t.build();
  }

  private static Rule rule(JsonNode n, String p) {
    Rule.Builder r = Rule.builder();
    stringMap(n.get("when"), p + ".when", r::when);
    if (n.has("commit-msg-contains")) {
      r.whenCommitMessageContains(text(n.get("commit-msg-contains"), p + ".commit-msg-contains"));
    }
    if (n.has("state-contains")) {
      r.whenStateContains(text(n.get("state-contains"), p + ".state-contains"));
    }
    if (n.has("commit-msg-not-contains")) {
      r.whenCommitMessageDoesNotContain(
          text(n.get("commit-msg-not-contains"), p + ".commit-msg-not-contains"));
    }
    if (n.has("state-not-contains")) {
      r.whenStateDoesNotContain(text(n.get("state-not-contains"), p + ".state-not-contains"));
    }
    if (n.has("change-sets")) {
      String k = text(n.get("change-sets"), p + ".change-sets");
      run(p + ".change-sets", () -> r.whenChangeSets(k));
    }
    if (n.has("change-not-sets")) {
      String k = text(n.get("change-not-sets"), p + ".change-not-sets");
      run(p + ".change-not-sets", () -> r.whenChangeDoesNotSet(k));
    }
    if (n.has("attempts")) {
      JsonNode a = n.get("attempts");
      if (!a.isArray() || a.size() != 2) {
        throw new IllegalArgumentException(
            "scenario " + p + ".attempts: expected [first, last], e.g. [1, 1]");
      }
      long first = integer(a.get(0), p + ".attempts[0]");
      long last = integer(a.get(1), p + ".attempts[1]");
      run(
          p + ".attempts",
          () -> r.whenAttempt(
              (int) Math.min(first, Integer.MAX_VALUE), (int) Math.min(last, Integer.MAX_VALUE)));
    }
    if (n.has("probability")) {
      double prob = number(n.get("probability"), p + ".probability");
      run(p + ".probability", () -> r.probability(prob));
    }
    String action = text(n.get("action"), p + ".action");
    switch (action) {
      case "fail":
        run(p + ".message", () -> r.fail(text(n.get("message"), p + ".message")));
        break;
      case "refuse":
        run(p + ".message", () -> r.refuse(text(n.get("message"), p + ".message")));
        break;
      case "offline":
        Duration d = duration(n.get("duration"), p + ".duration");
        run(p + ".duration", () -> r.goOffline(d));
        break;
      case "slow":
        double f = number(n.get("factor"), p + ".factor");
        run(p + ".factor", () -> r.slow(f));
        break;
      default:
        throw new IllegalArgumentException("scenario " + p
            + ".action: expected fail, refuse, offline or slow but was '" + action + "'");
    }
    return r.build();
  }

  private static void keys(JsonNode n, String p, Set<String> allowed) {
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException("scenario " + p + "." + k + ": unknown key (allowed: "
            + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }

  private static String text(JsonNode n, String p) {
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("scenario " + p + ": expected a string");
    }
    return n.textValue();
  }

  private static long integer(JsonNode n, String p) {
    if (n == null || !n.isIntegralNumber()) {
      throw new IllegalArgumentException("scenario " + p + ": expected an integer");
    }
    return n.longValue();
  }

  private static double number(JsonNode n, String p) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException("scenario " + p + ": expected a number");
    }
    return n.doubleValue();
  }

  private static Duration duration(JsonNode n, String p) {
    String s = text(n, p);
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "scenario " + p + ": expected an ISO-8601 duration like PT30S but was '" + s + "'");
    }
  }
}
