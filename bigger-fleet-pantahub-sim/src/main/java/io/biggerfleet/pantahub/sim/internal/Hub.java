package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulated hub's state: users, devices, trails and steps, objects, logs and the change indexes
 * behind {@code /changes}. All fields are guarded by {@code this} (handlers and agents synchronize on
 * the hub); one lock keeps every answer consistent and is fast enough for the measured load.
 *
 * <p>Modification times come from {@link #stamp()}: the injected clock, made strictly increasing by
 * at most a few nanoseconds so that change-feed cursors ({@code page[after]}) never skip items that a
 * manual clock would otherwise give the same time. Not API.
 */
public final class Hub {
  final Clock clock;
  private final Jwt jwt = new Jwt();
  volatile String base = "http://127.0.0.1:0";
  final Map<String, UserRec> usersByPrn = new LinkedHashMap<>();
  final Map<String, UserRec> usersByLogin = new HashMap<>();
  final Map<String, DeviceRec> devices = new LinkedHashMap<>();
  final Map<String, Map<String, DeviceRec>> devicesByOwnerNick = new HashMap<>();
  final Map<String, TrailRec> trails = new HashMap<>();
  final Map<String, ObjectRec> objects = new HashMap<>();
  final List<LogRec> logs = new ArrayList<>();
  final ChangeIndex<StepRec> stepChanges = new ChangeIndex<>();
  final ChangeIndex<DeviceRec> deviceChanges = new ChangeIndex<>();
  final ChangeIndex<TrailRec> trailChanges = new ChangeIndex<>();
  final Map<String, PatRec> pats = new HashMap<>();
  final Map<String, PkceRec> pkce = new HashMap<>();
  final Map<String, AppRec> apps = new LinkedHashMap<>();
  /** Device ids entrusted on the consent page, by the {@code token_id} claim of the tokens issued. */
  final Map<String, java.util.Set<String>> grants = new HashMap<>();

  private Instant lastStamp = Instant.EPOCH;
  /** Progress of every rev-0 step (never mutated: progress is replaced wholesale). */
  private static final ObjectNode FACTORY_PROGRESS =
      Views.progress("DONE", 100, "Factory State", "");

  private ObjectNode lastFactoryState;
  private String lastFactoryOwner;
  private String lastFactorySha;
  private List<String> lastFactoryUsed;
  private long lastErrorNanos;
  /** Called (under the lock) whenever a new step is posted to a device's trail. */
  volatile Consumer<DeviceRec> onNewStep = d -> {};
  /** Login token lifetime. */
  Duration tokenTimeout = Duration.ofMinutes(60);
  /** How long after the original login a token may be refreshed. */
  Duration maxRefresh = Duration.ofMinutes(1440);
  /** PKCE and personal-access-token login lifetime. */
  Duration anonTimeout = Duration.ofMinutes(5);
  /** Summary rows, possibly lagging behind the trails. */
  Summaries summaries = new Summaries(Duration.ZERO);

  /** Whether times are kept to the millisecond, as the real hub's MongoDB does (ties possible). */
  private final boolean millis;

  /** A hub whose times are unique (nudged by nanoseconds) or, with {@code millis}, millisecond-precise. */
  public Hub(Clock clock, boolean millis) {
    this.clock = millis ? new MillisecondClock(clock) : clock;
    this.millis = millis;
  }

  /** A clock that shows {@code base}'s time truncated to milliseconds. */
  private static final class MillisecondClock extends Clock {
    private final Clock base;

    MillisecondClock(Clock base) {
      this.base = base;
    }

    @Override
    public java.time.ZoneId getZone() {
      return base.getZone();
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return new MillisecondClock(base.withZone(zone));
    }

    @Override
    public Instant instant() {
      return base.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
  }

  public Jwt jwt() {
    return jwt;
  }

  public String base() {
    return base;
  }

  public void setBase(String base) {
    this.base = base;
  }

  /** Makes {@code /trails/summary} lag behind trail changes by {@code lag} (like production's pipeline). */
  public synchronized void setSummaryLag(Duration lag) {
    this.summaries = new Summaries(lag);
  }

  public void setOnNewStep(Consumer<DeviceRec> c) {
    this.onNewStep = c;
  }

  public String authEndpoint() {
    return base + "/auth";
  }

  /** Unix nanos for an error incident id. */
  public synchronized long nanosForErrorId() {
    long n = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    lastErrorNanos = Math.max(n, lastErrorNanos + 1);
    return lastErrorNanos;
  }

  /**
   * Now, strictly after the previous stamp; in millisecond mode now to the millisecond, never before the
   * previous stamp but possibly equal to it (as on the real hub).
   */
  public synchronized Instant stamp() {
    Instant now = clock.instant();
    if (millis) {
      now = now.isBefore(lastStamp) ? lastStamp : now;
    } else if (!now.isAfter(lastStamp)) {
      now = lastStamp.plusNanos(1);
    }
    lastStamp = now;
    return now;
  }

  /** Whether a verified token's claims are still valid now (numeric {@code exp} in the future). */
  public boolean tokenValid(ObjectNode claims) {
    JsonNode exp = claims.get("exp");
    if (exp == null || !exp.isNumber()) {
      return true; // code-exchange tokens carry none; date strings are ignored by the validator
    }
    return exp.asLong() > clock.instant().getEpochSecond();
  }

  /** Signs {@code claims} with a fresh {@code exp}; {@code orig_iat} set to now when absent. */
  String issue(ObjectNode claims, Duration ttl) {
    long now = clock.instant().getEpochSecond();
    ObjectNode c = claims.deepCopy();
    if (!c.has("orig_iat")) {
      c.put("orig_iat", now);
    }
    c.put("exp", now + ttl.toSeconds());
    return jwt.sign(c);
  }

  synchronized void touchDevice(DeviceRec d) {
    Instant old = d.modified;
    d.modified = stamp();
    deviceChanges.move(old, d.modified, d);
  }

  synchronized void touchStep(StepRec s) {
    Instant old = s.modified;
    s.modified = stamp();
    stepChanges.move(old, s.modified, s);
  }

  synchronized void touchTrail(TrailRec t) {
    Instant old = t.lastTouched;
    t.lastTouched = stamp();
    trailChanges.move(old, t.lastTouched, t);
    DeviceRec d = devices.get(t.id);
    if (d != null) {
      summaries.changed(d, clock.instant());
    }
  }

  /**
   * Whether {@code caller} may see {@code d} as its owner: same owner (or the device itself), and, for
   * tokens issued through the consent page, among the devices the user entrusted.
   */
  synchronized boolean owns(Claims caller, DeviceRec d) {
    if (caller == null || d.garbage) {
      return false;
    }
    if (caller.isDevice()) {
      return d.id.equals(caller.deviceId());
    }
    if (!d.owner.equals(caller.prn())) {
      return false;
    }
    java.util.Set<String> granted = grants.get(caller.text("token_id"));
    return granted == null || granted.isEmpty() || granted.contains(d.id);
  }

  /** Replaces a step's progress wholesale and bumps the step's and trail's times. */
  synchronized void setProgress(StepRec s, ObjectNode p) {
    s.progress = p;
    s.progressTime = stamp();
    touchStep(s);
    touchTrail(s.trail);
  }

  /** Adds a user account; nick and email both work as login names. */
  public synchronized UserRec addUser(String nick, String password, String prnOrNull) {
    if (usersByLogin.containsKey(nick)) {
      throw new IllegalArgumentException("user '" + nick + "' already exists");
    }
    String prn =
        prnOrNull != null ? prnOrNull : "prn:::accounts:/" + Ids.stableObjectId("user:" + nick);
    UserRec u = new UserRec(nick, nick + "@example.com", prn, "user", password, clock.instant());
    usersByPrn.put(prn, u);
    usersByLogin.put(nick, u);
    usersByLogin.put(u.email, u);
    usersByLogin.put(prn, u);
    return u;
  }

  /** A user by PRN, or null. */
  public synchronized UserRec user(String prn) {
    return usersByPrn.get(prn);
  }

  /**
   * Registers an owned device with id {@code id} and creates its trail from {@code storedFactoryState}
   * (already validated, in stored form; it may be shared by many devices as it is never mutated)
   * (rev 0, DONE), exactly as a device's first {@code POST /trails/} would; no trail when it is null.
   */
  public synchronized DeviceRec addDevice(
      String id,
      String nick,
      String ownerPrn,
      String secret,
      ObjectNode userMeta,
      ObjectNode deviceMeta,
      ObjectNode storedFactoryState,
      int simIndex) {
    if (devices.containsKey(id)) {
      throw new IllegalArgumentException("device id " + id + " already exists");
    }
    Map<String, DeviceRec> byNick =
        devicesByOwnerNick.computeIfAbsent(ownerPrn, k -> new HashMap<>());
    if (byNick.containsKey(nick)) {
      throw new IllegalArgumentException("device nick '" + nick + "' already exists for its owner");
    }
    Instant now = stamp();
    DeviceRec d = new DeviceRec(
        id,
        nick,
        ownerPrn,
        secret,
        now,
        Json.toStored(userMeta),
        Json.toStored(deviceMeta),
        simIndex);
    devices.put(id, d);
    byNick.put(nick, d);
    deviceChanges.put(d.modified, d);
    if (storedFactoryState != null) {
      createTrail(d, storedFactoryState);
    }
    return d;
  }

  /** Creates the trail and its rev-0 step (state must already be validated and in stored form). */
  synchronized TrailRec createTrail(DeviceRec d, ObjectNode storedFactoryState) {
    if (storedFactoryState != lastFactoryState || !d.owner.equals(lastFactoryOwner)) {
      lastFactoryState = storedFactoryState;
      lastFactoryOwner = d.owner;
      lastFactorySha = stateSha(storedFactoryState);
      lastFactoryUsed = List.copyOf(usedObjects(d.owner, storedFactoryState));
    }
    Instant now = stamp();
    TrailRec t = new TrailRec(d.id, d.owner, d.prn, now);
    StepRec s = new StepRec(t, 0, now);
    s.commitMsg = "Factory State (rev 0)";
    s.committer = "";
    s.state = storedFactoryState;
    s.stateSha = lastFactorySha;
    s.progress = FACTORY_PROGRESS;
    s.stepTime = now;
    s.progressTime = now;
    s.meta = Json.object();
    s.usedObjects = lastFactoryUsed;
    t.steps.add(s);
    trails.put(t.id, t);
    trailChanges.put(t.lastTouched, t);
    stepChanges.put(s.modified, s);
    return t;
  }

  /** Renames a device (keeps the per-owner nick index right). */
  synchronized void rename(DeviceRec d, String nick) {
    Map<String, DeviceRec> byNick =
        devicesByOwnerNick.computeIfAbsent(d.owner, k -> new HashMap<>());
    byNick.remove(d.nick);
    d.nick = nick;
    byNick.put(nick, d);
  }

  /** Gives an unclaimed device (and its trail) to {@code ownerPrn}, clearing its challenge. */
  synchronized void claim(DeviceRec d, String ownerPrn, String nick) {
    Map<String, DeviceRec> old = devicesByOwnerNick.get(d.owner);
    if (old != null) {
      old.remove(d.nick);
    }
    d.owner = ownerPrn;
    d.nick = nick;
    d.challenge = "";
    devicesByOwnerNick.computeIfAbsent(ownerPrn, k -> new HashMap<>()).put(nick, d);
    TrailRec t = trails.get(d.id);
    if (t != null) {
      t.owner = ownerPrn;
    }
    touchDevice(d);
  }

  synchronized DeviceRec deviceByNick(String ownerPrn, String nick) {
    Map<String, DeviceRec> m = devicesByOwnerNick.get(ownerPrn);
    return m == null ? null : m.get(nick);
  }

  /** Stores an object with its bytes (used for scenario objects). */
  public synchronized ObjectRec putObject(String ownerPrn, String name, byte[] data) {
    String sha = Ids.sha256Hex(data);
    ObjectRec o = new ObjectRec(sha, ownerPrn, stamp());
    ObjectRec existing = objects.putIfAbsent(o.storageId, o);
    if (existing != null) {
      return existing;
    }
    o.objectName = name;
    o.size = Long.toString(data.length);
    o.sizeInt = data.length;
    o.mimeType = "application/octet-stream";
    o.data = data;
    return o;
  }

  synchronized ObjectRec object(String ownerPrn, String sha) {
    return objects.get(Ids.sha256Hex((ownerPrn + "/" + sha).getBytes(StandardCharsets.UTF_8)));
  }

  /** Canonical-JSON sha of a state given in stored form (the sha is over the user-visible form). */
  static String stateSha(ObjectNode storedState) {
    return Ids.sha256Hex(Json.canonical(Json.fromStored(storedState)));
  }

  synchronized List<String> usedObjects(String owner, ObjectNode storedState) {
    List<String> used = new ArrayList<>();
    storedState.properties().forEach(e -> {
      if (e.getValue().isTextual() && Ids.isSha(e.getValue().textValue())) {
        ObjectRec o = object(owner, e.getValue().textValue());
        if (o != null) {
          used.add(o.storageId);
        }
      }
    });
    return used;
  }

  /** Appends a log entry. */
  synchronized void log(DeviceRec d, String rev, String lvl, String src, String msg) {
    Instant now = clock.instant();
    logs.add(new LogRec(
        Ids.newObjectId(),
        d.prn,
        d.owner,
        now,
        now.getEpochSecond(),
        now.getNano(),
        rev,
        "pantavisor",
        src,
        lvl,
        msg));
  }
}
