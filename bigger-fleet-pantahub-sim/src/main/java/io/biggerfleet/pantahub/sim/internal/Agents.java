package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Timing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Drives the simulated devices: each one picks up new steps after a delay, reports QUEUED →
 * DOWNLOADING → INPROGRESS → TESTING → DONE like pantavisor's updater (or fails, refuses, goes offline,
 * is slow, by the rules) and switches its running revision ({@code pantavisor.revision} in device-meta).
 *
 * <p>Work is kept in a time-ordered queue of wake-ups; {@link #runDue(Instant)} runs every wake-up due
 * at or before a time, in time order, taking the hub lock per wake-up so HTTP requests interleave.
 * Thread-safe. Not API.
 */
public final class Agents {
  private record Wake(Instant at, long seq, DeviceRec device) {}

  private static final String REV_KEY = "pantavisor" + Json.DOT + "revision";
  private final Hub hub;
  private final List<Rule> rules;
  private final Timing timing;
  private final long seed;
  private final PriorityQueue<Wake> queue = new PriorityQueue<>(
      (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private long seq;

  public Agents(Hub hub, List<Rule> rules, Timing timing, long seed) {
    this.hub = hub;
    this.rules = List.copyOf(rules);
    this.timing = timing;
    this.seed = seed;
    hub.setOnNewStep(this::onNewStep);
  }

  /** Makes {@code d} a simulated device. */
  public void attach(DeviceRec d) {
    synchronized (hub) {
      d.agent = new DeviceAgent();
    }
  }

  private void onNewStep(DeviceRec d) {
    DeviceAgent a = d.agent;
    if (a == null || a.current != null || a.wakeAt != null) {
      return; // busy devices look for the next step when they finish
    }
    int rev = hub.trails.get(d.id).latest().rev;
    SplittableRandom r = random(d, rev + 7919);
    schedule(d, hub.clock.instant().plus(jittered(timing.pickup(), 1.0, r)));
  }

  private void schedule(DeviceRec d, Instant at) {
    synchronized (hub) {
      d.agent.wakeAt = at;
      queue.add(new Wake(at, seq++, d));
    }
  }

  /** When the next wake-up is due, or null when every device is idle. */
  public Instant nextDue() {
    synchronized (hub) {
      Wake w = queue.peek();
      return w == null ? null : w.at;
    }
  }

  /** Runs every wake-up due at or before {@code now}; returns how many ran. */
  public int runDue(Instant now) {
    int n = 0;
    while (true) {
      synchronized (hub) {
        Wake w = queue.peek();
        if (w == null || w.at.isAfter(now)) {
          return n;
        }
        queue.poll();
        if (w.device.agent.wakeAt != w.at) {
          continue; // superseded
        }
        w.device.agent.wakeAt = null;
        wake(w.device);
        n++;
      }
    }
  }

  /** Number of pending wake-ups. */
  public int pending() {
    synchronized (hub) {
      return queue.size();
    }
  }

  // ---- the updater, called under the hub lock ----

  private void wake(DeviceRec d) {
    DeviceAgent a = d.agent;
    Instant now = hub.clock.instant();
    if (d.offlineSince != null) {
      d.offlineSince = null; // back online: catch up
      setMeta(d, "pantahub" + Json.DOT + "online", "true");
    }
    TrailRec t = hub.trails.get(d.id);
    if (t == null || d.garbage) {
      return;
    }
    if (a.current != null && !a.current.status().equals(a.lastStatus)) {
      a.current = null; // the owner cancelled/marked it, or something else reported: stop working on it
    }
    if (a.current == null && !pickNext(d, t, now)) {
      return;
    }
    step(d, a, now);
  }

  /** Finds the first NEW step (rev order); returns false when idle or when going offline. */
  private boolean pickNext(DeviceRec d, TrailRec t, Instant now) {
    DeviceAgent a = d.agent;
    int running = runningRev(d);
    for (StepRec s : t.steps) {
      if (s.rev == 0 || !"NEW".equals(s.status())) {
        continue;
      }
      if (s.rev < running) {
        report(s, "ERROR", 0, "Remote revision is older than the running revision", null);
        continue;
      }
      Decision decision = decide(d, s);
      if (decision.offlineFor() != null && a.offlineDoneRev != s.rev) {
        a.offlineDoneRev = s.rev;
        d.offlineSince = now;
        setMeta(d, "pantahub" + Json.DOT + "online", "false");
        schedule(d, now.plus(decision.offlineFor()));
        return false;
      }
      a.current = s;
      a.phase = 0;
      a.decision = decision;
      a.rnd = random(d, s.rev);
      return true;
    }
    return false;
  }

  private void step(DeviceRec d, DeviceAgent a, Instant now) {
    StepRec s = a.current;
    Decision dec = a.decision;
    boolean refuse = dec.outcome() == Rule.Action.REFUSE;
    boolean fail = dec.outcome() == Rule.Action.FAIL;
    Duration next = timing.phase();
    long total = 73_400_320L;
    long nowSec = now.getEpochSecond();
    switch (a.phase) {
      case 0:
        report(s, "QUEUED", 0, "Update queued, retry 1 of 10", "1");
        break;
      case 1:
        if (refuse) {
          finish(d, a, "WONTGO", 0, dec.message());
          return;
        }
        reportDownload(s, total, nowSec, 0);
        break;
      case 2:
        reportDownload(s, total, nowSec, total / 2);
        break;
      case 3:
        report(s, "INPROGRESS", 40, "Update objects downloaded", null);
        break;
      case 4:
        report(s, "INPROGRESS", 80, "Update installed", null);
        break;
      case 5:
        if (fail) {
          hub.log(d, Integer.toString(s.rev), "ERROR", "pantavisor.log", dec.message());
          finish(d, a, "ERROR", 0, dec.message());
          return;
        }
        report(s, "INPROGRESS", 95, "Rebooting", null);
        next = timing.reboot();
        break;
      case 6:
        setMeta(d, REV_KEY, Integer.toString(s.rev));
        report(s, "TESTING", 95, "Awaiting to see if update is stable", null);
        next = timing.testing();
        break;
      default:
        finish(d, a, "DONE", 100, "Update finished, revision set as rollback point");
        return;
    }
    a.lastStatus = s.status();
    a.phase++;
    schedule(d, now.plus(jittered(next, dec.slow(), a.rnd)));
  }

  private void finish(DeviceRec d, DeviceAgent a, String status, int progress, String msg) {
    report(a.current, status, progress, msg, null);
    a.current = null;
    a.decision = null;
    schedule(d, hub.clock.instant().plus(Duration.ofSeconds(1))); // look for the next step
  }

  private void reportDownload(StepRec s, long total, long nowSec, long done) {
    ObjectNode p = Views.progress("DOWNLOADING", 0, "Progress", "");
    p.put("data", "1");
    ObjectNode t = (ObjectNode) p.path("downloads").path("total");
    t.put("total_size", total);
    t.put("start_time", nowSec);
    t.put("current_time", nowSec);
    t.put("total_downloaded", done);
    hub.setProgress(s, p);
  }

  private void report(StepRec s, String status, int progress, String msg, String data) {
    ObjectNode p = Views.progress(status, progress, msg, "");
    if (data != null) {
      p.put("data", data);
    }
    hub.setProgress(s, p);
  }

  private void setMeta(DeviceRec d, String storedKey, String value) {
    ObjectNode m = d.deviceMeta.deepCopy();
    m.put(storedKey, value);
    d.deviceMeta = m;
    hub.touchDevice(d);
  }

  private static int runningRev(DeviceRec d) {
    JsonNode r = d.deviceMeta.get(REV_KEY);
    try {
      return r == null ? 0 : Integer.parseInt(r.asText());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Decision decide(DeviceRec d, StepRec s) {
    SplittableRandom r = random(d, s.rev + 104_729);
    Rule.Action outcome = null;
    String message = null;
    Duration offline = null;
    double slow = 1.0;
    String stateText = null;
    for (Rule rule : rules) {
      if (!attributesMatch(d, rule) || !rule.commitMessageContains().map(s.commitMsg::contains).orElse(true)) {
        continue;
      }
      if (rule.stateContains().isPresent()) {
        if (stateText == null) {
          stateText = new String(Json.canonical(Json.fromStored(s.state)), StandardCharsets.UTF_8);
        }
        if (!stateText.contains(rule.stateContains().get())) {
          continue;
        }
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
    return outcome == null && slow == 1.0 && offline == null ? Decision.SUCCESS
        : new Decision(outcome, message, offline, slow);
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

  private SplittableRandom random(DeviceRec d, int salt) {
    long h = seed * 0x9E3779B97F4A7C15L ^ d.id.hashCode() * 0xC2B2AE3D27D4EB4FL ^ salt * 0x165667B19E3779F9L;
    return new SplittableRandom(h);
  }

  private Duration jittered(Duration base, double slow, SplittableRandom r) {
    double f = slow * (1 + timing.jitter() * (2 * r.nextDouble() - 1));
    return Duration.ofNanos((long) (base.toNanos() * f));
  }
}
