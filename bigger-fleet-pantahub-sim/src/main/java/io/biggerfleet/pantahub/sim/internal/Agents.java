package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Timing;
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
  private final RuleMatcher rules;
  private final Timing timing;
  private final long seed;
  private final PriorityQueue<Wake> queue = new PriorityQueue<>(
      (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private long seq;

  public Agents(Hub hub, List<Rule> rules, Timing timing, long seed) {
    this.hub = hub;
    this.rules = new RuleMatcher(rules);
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
    if (a == null || a.current != null || a.wakeAt != null || a.forcedOffline) {
      return; // busy devices look for the next step when they finish; offline ones when they are
      // back
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
    if (a.forcedOffline || a.hung) {
      return; // brought back by an order
    }
    if (d.offlineSince != null) {
      d.offlineSince = null; // back online: catch up
      setMeta(d, "pantahub" + Json.DOT + "online", "true");
    }
    TrailRec t = hub.trails.get(d.id);
    if (t == null || d.garbage) {
      return;
    }
    if (a.current != null && !a.current.status().equals(a.lastStatus)) {
      a.current =
          null; // the owner cancelled/marked it, or something else reported: stop working on it
    }
    if (a.current == null && a.rollBackStep != null) {
      rollBack(d, a);
      return;
    }
    if (a.current == null && !pickNext(d, t, now)) {
      return;
    }
    step(d, a, now);
  }

  /** Pantavisor's try-boot fallback after DONE: back to the previous revision, ERROR on the step. */
  private void rollBack(DeviceRec d, DeviceAgent a) {
    StepRec s = a.rollBackStep;
    setMeta(d, REV_KEY, Integer.toString(a.rollBackTo));
    hub.log(d, Integer.toString(s.rev), "ERROR", "pantavisor.log", a.rollBackMessage);
    report(s, "ERROR", 0, a.rollBackMessage, null);
    a.rollBackStep = null;
    a.rollBackMessage = null;
    a.lastDone = null;
    schedule(d, hub.clock.instant().plus(Duration.ofSeconds(1))); // look for the next step
  }

  // ---- on-demand steering (the simulator's API and admin endpoint) ----

  /** Takes the device offline now: no reports until {@link #online(DeviceRec)}. */
  public void offline(DeviceRec d) {
    synchronized (hub) {
      DeviceAgent a = agent(d);
      a.forcedOffline = true;
      a.wakeAt = null; // supersedes the pending wake-up
      if (d.offlineSince == null) {
        d.offlineSince = hub.clock.instant();
        setMeta(d, "pantahub" + Json.DOT + "online", "false");
      }
    }
  }

  /** Brings the device back: it continues where it was and catches up with new steps. */
  public void online(DeviceRec d) {
    synchronized (hub) {
      DeviceAgent a = agent(d);
      a.forcedOffline = false;
      if (d.offlineSince != null) {
        d.offlineSince = null;
        setMeta(d, "pantahub" + Json.DOT + "online", "true");
      }
      schedule(d, hub.clock.instant());
    }
  }

  /**
   * Gives an order: it applies to the update in progress, else to the next update the device picks up.
   * A roll-back order to an idle device whose running revision came from a DONE update rolls that one
   * back now. A {@code null} order drops a pending one (the rules decide again) and releases a hang.
   */
  public void order(DeviceRec d, Decision.Order order) {
    synchronized (hub) {
      DeviceAgent a = agent(d);
      Instant now = hub.clock.instant();
      if (a.current != null) {
        a.decision = order == null
            ? rules.decide(d, a.current, random(d, a.current.rev + 104_729))
            : a.decision.with(order);
        a.order = null;
        if (a.hung && !a.decision.hang()) {
          a.hung = false;
          schedule(d, now);
        }
      } else if (order != null
          && order.kind() == Decision.Order.Kind.ROLL_BACK
          && a.lastDone != null
          && runningRev(d) == a.lastDone.rev) {
        a.rollBackStep = a.lastDone;
        a.rollBackMessage = order.message();
        a.rollBackTo = a.lastDoneFrom;
        a.order = null;
        if (!a.forcedOffline) {
          schedule(d, now);
        }
      } else {
        a.order = order;
      }
    }
  }

  /** The pending order, if any (for the snapshot). */
  public String pendingOrder(DeviceRec d) {
    synchronized (hub) {
      DeviceAgent a = agent(d);
      return a.hung ? "HANG (hanging)" : a.order == null ? null : a.order.kind().name();
    }
  }

  private static DeviceAgent agent(DeviceRec d) {
    if (d.agent == null) {
      throw new IllegalArgumentException(
          "device '" + d.nick + "' is not simulated (registered over HTTP)");
    }
    return d.agent;
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
      Decision decision = rules.decide(d, s, random(d, s.rev + 104_729));
      if (a.order != null) {
        decision = decision.with(a.order);
        a.order = null;
      }
      if (decision.offlineFor() != null && a.offlineDoneRev != s.rev) {
        a.offlineDoneRev = s.rev;
        d.offlineSince = now;
        setMeta(d, "pantahub" + Json.DOT + "online", "false");
        schedule(d, now.plus(decision.offlineFor()));
        return false;
      }
      a.current = s;
      a.previousRev = running;
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
    if (dec.hang() && a.phase > 0) {
      a.hung = true; // stops reporting where it is, until an order releases it
      return;
    }
    if (fail && a.phase > 6) { // failed while testing the new revision: try-boot fallback
      setMeta(d, REV_KEY, Integer.toString(a.previousRev));
      hub.log(d, Integer.toString(s.rev), "ERROR", "pantavisor.log", dec.message());
      finish(d, a, "ERROR", 0, dec.message());
      return;
    }
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
        a.lastDone = s;
        a.lastDoneFrom = a.previousRev;
        if (dec.rollBack() != null) {
          a.rollBackStep = s;
          a.rollBackMessage = dec.rollBack();
          a.rollBackTo = a.previousRev;
        }
        finish(d, a, "DONE", 100, "Update finished, revision set as rollback point");
        if (dec.rollBack() != null) {
          schedule(
              d,
              now.plus(jittered(timing.testing(), dec.slow(), a.rnd))); // falls back after a while
        }
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

  private SplittableRandom random(DeviceRec d, int salt) {
    long h = seed * 0x9E3779B97F4A7C15L
        ^ d.id.hashCode() * 0xC2B2AE3D27D4EB4FL
        ^ salt * 0x165667B19E3779F9L;
    return new SplittableRandom(h);
  }

  private Duration jittered(Duration base, double slow, SplittableRandom r) {
    double f = slow * (1 + timing.jitter() * (2 * r.nextDouble() - 1));
    return Duration.ofNanos((long) (base.toNanos() * f));
  }
}
