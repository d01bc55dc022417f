package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Evaluates the scenario's rules for one (device, step), in order: attributes, commit message and
 * state text (contains / does not contain), the step's change against the factory state (sets / does
 * not set a key), the attempt number, then the rule's probability. Called under the hub lock.
 * Stateless apart from the rules. Not API.
 */
final class RuleMatcher {
  private final List<Rule> rules;

  RuleMatcher(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  Decision decide(DeviceRec d, StepRec s, SplittableRandom r) {
    Rule.Action outcome = null;
    String message = null;
    Duration offline = null;
    double slow = 1.0;
    for (Rule rule : rules) {
      if (!attributesMatch(d, rule) || !stepMatches(rule, s)) {
        continue;
      }
      int attempt = attempt(rule, s);
      if (attempt < rule.firstAttempt() || attempt > rule.lastAttempt()) {
        continue;
      }
      if (r.nextDouble() >= rule.probability()) {
        continue;
      }
      switch (rule.action()) {
        case SLOW:
          slow *= rule.slowFactor();
          break;
        case OFFLINE:
          offline = offline == null ? rule.offlineFor() : offline;
          break;
        default:
          if (outcome == null) {
            outcome = rule.action();
            message = rule.message();
          }
      }
    }
    return outcome == null && slow == 1.0 && offline == null
        ? Decision.SUCCESS
        : new Decision(outcome, message, offline, slow);
  }

  /** 1 + earlier steps the device worked on (not NEW, not CANCEL) that match the rule's step conditions. */
  private static int attempt(Rule rule, StepRec s) {
    if (rule.firstAttempt() == 1 && rule.lastAttempt() == Integer.MAX_VALUE) {
      return 1;
    }
    int n = 1;
    for (StepRec t : s.trail.steps) {
      if (t.rev > 0
          && t.rev < s.rev
          && !"NEW".equals(t.status())
          && !"CANCEL".equals(t.status())
          && stepMatches(rule, t)) {
        n++;
      }
    }
    return n;
  }

  private static boolean stepMatches(Rule rule, StepRec s) {
    String msg = s.commitMsg == null ? "" : s.commitMsg;
    if (!rule.commitMessageContains().map(msg::contains).orElse(true)
        || rule.commitMessageDoesNotContain().map(msg::contains).orElse(false)) {
      return false;
    }
    if (rule.stateContains().isPresent() || rule.stateDoesNotContain().isPresent()) {
      String text = new String(Json.canonical(Json.fromStored(s.state)), StandardCharsets.UTF_8);
      if (!rule.stateContains().map(text::contains).orElse(true)
          || rule.stateDoesNotContain().map(text::contains).orElse(false)) {
        return false;
      }
    }
    if (rule.changeSets().isPresent() && !sets(s, rule.changeSets().get())) {
      return false;
    }
    return rule.changeDoesNotSet().isEmpty() || !sets(s, rule.changeDoesNotSet().get());
  }

  /** Whether the step's state gives {@code key} a value other than the factory state's (rev 0). */
  private static boolean sets(StepRec s, String key) {
    String stored = key.replace('.', Json.DOT);
    JsonNode now = s.state.get(stored);
    if (now == null) {
      return false;
    }
    StepRec factory = s.trail.step(0);
    ObjectNode base = factory == null ? null : factory.state;
    return base == null || !now.equals(base.get(stored));
  }

  private static boolean attributesMatch(DeviceRec d, Rule rule) {
    for (var e : rule.attributes().entrySet()) {
      String key = e.getKey();
      String actual;
      if (key.equals("nick")) {
        actual = d.nick;
      } else {
        String stored = key.replace('.', Json.DOT);
        JsonNode v = d.userMeta.get(stored);
        if (v == null) {
          v = d.deviceMeta.get(stored);
        }
        actual = v == null ? null : v.asText();
      }
      if (!e.getValue().equals(actual)) {
        return false;
      }
    }
    return true;
  }
}
