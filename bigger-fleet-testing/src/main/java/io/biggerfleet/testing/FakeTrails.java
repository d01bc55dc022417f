package io.biggerfleet.testing;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.DeviceLiveness;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepProgress;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A deterministic fake fleet behind the {@link DeviceTrails} SPI, for tests and simulations: each
 * device has a trail (rev 0 = factory state); posted steps are picked up and worked on by simulated
 * devices whose fate — delay, duration, success, failure message, offline — comes from a
 * {@link DeviceBehaviour}. Everything happens on the injected clock: the fake catches up with the
 * clock on every call, so a test moves a {@link io.biggerfleet.ManualClock} and the devices follow.
 *
 * <p>It also keeps the books a test needs: how often each (device, marker) was posted, every post in
 * order, and a hook called on each post. Thread-safe (every method is synchronized). Scales to 100k
 * devices.
 */
public final class FakeTrails implements DeviceTrails {
  /** A simulated device's plan for one posted step. */
  public static final class Fate {
    final Duration pickup;
    final Duration work;
    final boolean success;
    final String message;

    private Fate(Duration pickup, Duration work, boolean success, String message) {
      this.pickup = pickup;
      this.work = work;
      this.success = success;
      this.message = message;
    }

    /** Picks the step up after {@code pickup}, works {@code work}, then reports DONE. */
    public static Fate succeed(Duration pickup, Duration work) {
      return new Fate(pickup, work, true, "Update finished, revision set as rollback point");
    }

    /** Picks the step up after {@code pickup}, works {@code work}, then reports ERROR with {@code message}. */
    public static Fate fail(Duration pickup, Duration work, String message) {
      return new Fate(pickup, work, false, message);
    }

    /** Never picks the step up (offline for good, or until the test changes the behaviour). */
    public static Fate offline() {
      return new Fate(null, Duration.ZERO, false, "");
    }
  }

  /** Decides a device's fate for a posted step; must be a pure function of its arguments for determinism. */
  @FunctionalInterface
  public interface DeviceBehaviour {
    Fate fate(DeviceId device, TrailStep posted);
  }

  private static final class Action implements Comparable<Action> {
    final Instant at;
    final long seq;
    final DeviceId device;
    final int rev;
    final int phase;

    Action(Instant at, long seq, DeviceId device, int rev, int phase) {
      this.at = at;
      this.seq = seq;
      this.device = device;
      this.rev = rev;
      this.phase = phase;
    }

    @Override
    public int compareTo(Action o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final String registry;
  private final Clock clock;
  private DeviceBehaviour behaviour;
  private final Map<DeviceId, List<TrailStep>> trails = new HashMap<>();
  private final Map<String, Fate> fates = new HashMap<>();
  private final Set<String> objects = new HashSet<>();
  private final List<TrailStep> feed = new ArrayList<>();
  private final PriorityQueue<Action> pending = new PriorityQueue<>();
  private final Map<String, Integer> postCounts = new HashMap<>();
  private final List<TrailStep> posts = new ArrayList<>();
  private final Map<DeviceId, Integer> fellBack = new HashMap<>();
  private final Map<String, List<String>> extraLogs = new HashMap<>();
  private final Map<DeviceId, Instant> silentSince = new HashMap<>();
  private Consumer<TrailStep> onPost = s -> {};
  private long seq;
  private int postConcurrency = 1;

  public FakeTrails(String registry, Clock clock, DeviceBehaviour behaviour) {
    this.registry = registry;
    this.clock = clock;
    this.behaviour = behaviour;
  }

  /** Every device succeeds: picks up after 1 to 10 minutes, works 5 to 20 minutes (stable per device). */
  public static DeviceBehaviour allSucceed() {
    return seeded(1, 0, 0, "");
  }

  /**
   * Seeded random fates, stable per (seed, device, rev): a device fails with {@code failRate} (message
   * {@code failMessage}), is offline with {@code offlineRate}, else succeeds; pickup 1 to 10 minutes,
   * work 5 to 20 minutes.
   */
  public static DeviceBehaviour seeded(
      long seed, double failRate, double offlineRate, String failMessage) {
    return (device, step) -> {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L
          ^ device.toString().hashCode() * 31L
          ^ step.rev() * 0xBF58476D1CE4E5B9L);
      Duration pickup = Duration.ofSeconds(60 + r.nextInt(540));
      Duration work = Duration.ofSeconds(300 + r.nextInt(900));
      double x = r.nextDouble();
      if (x < offlineRate) {
        return Fate.offline();
      }
      if (x < offlineRate + failRate) {
        return Fate.fail(pickup, work, failMessage);
      }
      return Fate.succeed(pickup, work);
    };
  }

  public synchronized void behaviour(DeviceBehaviour b) {
    this.behaviour = b;
  }

  /**
   * Lets the engine post to up to {@code n} devices at once ({@link DeviceTrails#postConcurrency()};
   * default 1). The fake still applies one post at a time.
   */
  public synchronized FakeTrails postConcurrency(int n) {
    this.postConcurrency = n;
    return this;
  }

  @Override
  public synchronized int postConcurrency() {
    return postConcurrency;
  }

  /** Called with each step right after it was posted (before the engine sees the result). */
  public synchronized void onPost(Consumer<TrailStep> hook) {
    this.onPost = hook;
  }

  /** Adds a device with a factory state (rev 0, DONE). */
  public synchronized FakeTrails addDevice(DeviceId id, TrailState factory) {
    List<TrailStep> t = new ArrayList<>();
    t.add(new TrailStep(
        id,
        0,
        "Factory State (rev 0)",
        null,
        StepProgress.of("DONE", 100, "Factory state", clock.instant()),
        clock.instant(),
        factory));
    trails.put(id, t);
    return this;
  }

  /** Makes an object (sha256 hex) exist. */
  public synchronized FakeTrails addObject(String sha) {
    objects.add(sha);
    return this;
  }

  /** Brings an offline device's pending steps back: each picks up after {@code delay} and succeeds. */
  public synchronized void comeOnline(DeviceId id, Duration delay) {
    catchUp();
    for (TrailStep s : trails.getOrDefault(id, List.of())) {
      if (s.progress().rawStatus().equals("NEW") && s.rev() > 0) {
        fates.put(key(id, s.rev()), Fate.succeed(delay, Duration.ofMinutes(5)));
        pending.add(new Action(clock.instant().plus(delay), seq++, id, s.rev(), 0));
      }
    }
  }

  @Override
  public String registry() {
    return registry;
  }

  @Override
  public synchronized TrailStep latest(DeviceId device) {
    catchUp();
    List<TrailStep> t = trail(device);
    return t.get(t.size() - 1);
  }

  @Override
  public synchronized Optional<TrailStep> step(DeviceId device, int rev) {
    catchUp();
    List<TrailStep> t = trail(device);
    return rev >= 0 && rev < t.size() ? Optional.of(t.get(rev)) : Optional.empty();
  }

  @Override
  public synchronized TrailStep post(DeviceId device, StepRequest request) {
    catchUp();
    List<TrailStep> t = trail(device);
    for (String v : request.state().entries().values()) {
      if (v.matches("[0-9a-f]{64}") && !objects.contains(v)) {
        throw new io.biggerfleet.FleetException("500: object " + v + " not uploaded");
      }
    }
    TrailStep s = new TrailStep(
        device,
        t.size(),
        request.commitMessage(),
        request.marker(),
        StepProgress.posted(),
        clock.instant(),
        request.state());
    t.add(s);
    postCounts.merge(device + "|" + request.marker(), 1, Integer::sum);
    posts.add(s);
    Fate f = behaviour.fate(device, s);
    fates.put(key(device, s.rev()), f);
    if (f.pickup != null) {
      pending.add(new Action(clock.instant().plus(f.pickup), seq++, device, s.rev(), 0));
    }
    onPost.accept(s);
    return s;
  }

  @Override
  public synchronized Optional<TrailStep> find(DeviceId device, StepMarker marker) {
    catchUp();
    List<TrailStep> t = trail(device);
    for (int i = t.size() - 1; i >= 0; i--) {
      if (t.get(i).marker().map(marker::equals).orElse(false)) {
        return Optional.of(t.get(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized boolean cancel(DeviceId device, int rev) {
    catchUp();
    TrailStep s = trail(device).get(rev);
    if (s.progress().rawStatus().equals("CANCEL")) {
      return true;
    }
    if (!s.progress().rawStatus().equals("NEW")) {
      return false;
    }
    report(
        device,
        rev,
        StepProgress.of("CANCEL", 100, "Cancel as requested by owner", clock.instant()));
    return true;
  }

  @Override
  public synchronized ProgressPage progressSince(String cursor, int limit) {
    catchUp();
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(feed.size(), from + limit);
    return new ProgressPage(feed.subList(from, to), Integer.toString(to));
  }

  @Override
  public synchronized boolean objectExists(String sha256) {
    return objects.contains(sha256);
  }

  @Override
  public synchronized List<String> errorLog(DeviceId device, int rev, int maxLines) {
    Optional<TrailStep> s = step(device, rev);
    List<String> out = new ArrayList<>(s.filter(
            x -> x.progress().status().isTerminal() && !x.progress().message().isEmpty())
        .map(x -> List.of("ERROR " + x.progress().message()))
        .orElse(List.of()));
    out.addAll(extraLogs.getOrDefault(key(device, rev), List.of()));
    return out.subList(0, Math.min(out.size(), maxLines));
  }

  /** The device logs an error line for {@code rev} (read back by {@link #errorLog}). */
  public synchronized void logError(DeviceId device, int rev, String line) {
    extraLogs.computeIfAbsent(key(device, rev), k -> new ArrayList<>()).add(line);
  }

  // ------------------------------------------------------------------ books for tests

  /** How many steps were posted for each (device, marker): a correct engine never exceeds 1. */
  public synchronized Map<String, Integer> postCounts() {
    return Map.copyOf(postCounts);
  }

  /** Every post, in order. */
  public synchronized List<TrailStep> posts() {
    return List.copyOf(posts);
  }

  /** The device's whole trail, rev 0 first. */
  public synchronized List<TrailStep> trailOf(DeviceId device) {
    catchUp();
    return List.copyOf(trail(device));
  }

  /**
   * The state the device runs: that of its newest step it finished (reported DONE); its factory state
   * (rev 0) until it finished one. A step that failed or was cancelled leaves the device where it was.
   */
  public synchronized TrailState runningState(DeviceId device) {
    catchUp();
    List<TrailStep> t = trail(device);
    for (int i = t.size() - 1; i > 0; i--) {
      if (t.get(i).progress().rawStatus().equals("DONE")) {
        return t.get(i).state().orElseThrow();
      }
    }
    return t.get(0).state().orElseThrow();
  }

  /**
   * The device runs the revision before its newest finished one again, as Pantavisor does when the
   * try-boot of a revision it reported DONE fails: {@link #liveness} reports the older revision.
   */
  public synchronized void fallBack(DeviceId device) {
    catchUp();
    List<TrailStep> t = trail(device);
    int newest = -1;
    for (int i = t.size() - 1; i >= 0; i--) {
      if (i == 0 || t.get(i).progress().rawStatus().equals("DONE")) {
        if (newest < 0) {
          newest = i;
        } else {
          fellBack.put(device, i);
          return;
        }
      }
    }
    fellBack.put(device, 0);
  }

  /** The device is not seen from now on (went silent): {@link #liveness} keeps this as its last-seen. */
  public synchronized void silence(DeviceId device) {
    trail(device);
    silentSince.putIfAbsent(device, clock.instant());
  }

  /**
   * Seen now (or when {@linkplain #silence silenced}), running its newest finished revision (or the one it
   * {@linkplain #fallBack fell back} to).
   */
  @Override
  public synchronized Optional<DeviceLiveness> liveness(DeviceId device) {
    catchUp();
    List<TrailStep> t = trail(device);
    int running = 0;
    for (int i = t.size() - 1; i > 0; i--) {
      if (t.get(i).progress().rawStatus().equals("DONE")) {
        running = i;
        break;
      }
    }
    return Optional.of(new DeviceLiveness(
        silentSince.getOrDefault(device, clock.instant()), fellBack.getOrDefault(device, running)));
  }

  /** Number of devices. */
  public synchronized int size() {
    return trails.size();
  }

  // ------------------------------------------------------------------ simulation

  private List<TrailStep> trail(DeviceId device) {
    List<TrailStep> t = trails.get(device);
    if (t == null) {
      throw new NotFoundException("device", device.toString());
    }
    return t;
  }

  private static String key(DeviceId d, int rev) {
    return d + "#" + rev;
  }

  /** Runs every device action due by now, in time order. */
  private void catchUp() {
    Instant now = clock.instant();
    while (!pending.isEmpty() && !pending.peek().at.isAfter(now)) {
      Action a = pending.poll();
      TrailStep s = trails.get(a.device).get(a.rev);
      Fate f = fates.get(key(a.device, a.rev));
      String st = s.progress().rawStatus();
      if (a.phase == 0) {
        if (!st.equals("NEW")) {
          continue;
        }
        report(a.device, a.rev, StepProgress.of("QUEUED", 0, "Update queued", a.at));
        pending.add(new Action(a.at.plus(f.work.dividedBy(2)), seq++, a.device, a.rev, 1));
      } else if (a.phase == 1) {
        report(
            a.device, a.rev, StepProgress.of("INPROGRESS", 50, "Update objects downloaded", a.at));
        pending.add(new Action(a.at.plus(f.work.dividedBy(2)), seq++, a.device, a.rev, 2));
      } else {
        report(
            a.device,
            a.rev,
            f.success
                ? StepProgress.of("DONE", 100, f.message, a.at)
                : StepProgress.of("ERROR", 0, f.message, a.at));
      }
    }
  }

  private void report(DeviceId device, int rev, StepProgress p) {
    List<TrailStep> t = trails.get(device);
    TrailStep s = t.get(rev).withProgress(p);
    t.set(rev, s);
    feed.add(new TrailStep(
        device,
        rev,
        s.commitMessage(),
        s.marker().orElse(null),
        p,
        s.postedAt().orElse(null),
        null));
  }

  @Override
  public String toString() {
    return "FakeTrails[" + registry + ", " + trails.size() + " devices, " + posts.size()
        + " posts]";
  }
}
