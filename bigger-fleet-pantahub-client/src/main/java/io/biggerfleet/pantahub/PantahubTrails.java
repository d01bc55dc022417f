package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Json;
import io.biggerfleet.pantahub.internal.Mapping;
import io.biggerfleet.pantahub.internal.Transport;
import io.biggerfleet.spi.DeviceLiveness;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepProgress;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Pantahub trails and steps ({@code /trails}) and the core {@link DeviceTrails} over them.
 *
 * <p>SPI mapping: {@link #latest} = {@code GET /trails/{id}/.pvrremote} (rev of {@code step-get-url})
 * then {@code GET /trails/{id}/steps/{rev}}; {@link #step} = {@code GET /trails/{id}/steps/{rev}};
 * {@link #post} = {@code POST /trails/{id}/steps} with {@code rev: -1}, the commit message, the marker
 * in {@code meta} and the user agent as {@code committer}; {@link #find} = {@code GET
 * /trails/{id}/steps?progress.status={"$exists":true}&fields=-state,-used_objects}, matched on meta;
 * {@link #cancel} = {@code PUT .../cancel}; {@link #progressSince} = {@code GET /changes/steps};
 * {@link #objectExists} = {@code GET /objects/{sha}}; {@link #errorLog} = {@code GET
 * /logs/?dev=..&rev=..&lvl=ERROR}.
 *
 * <p><b>Posting safely:</b> a post is never repeated blindly. When its outcome is unknown (timeout,
 * dropped connection, 502/503/504) the client looks for a step carrying the request's marker; if there
 * is one it is the result, otherwise the post is sent again (within the retry policy). A post refused
 * before it was sent (connection refused, 429) is simply retried. Residual risk: a post still being
 * processed by the hub when the lookup runs is not found and may be posted twice; the marker lets the
 * engine spot that.
 *
 * <p>Thread-safe. Errors: unknown device → {@link NotFoundException} (Pantahub answers 500 for unknown
 * trails; the client confirms with {@code GET /devices/{id}}); others {@link PantahubException}s.
 */
public final class PantahubTrails implements DeviceTrails {
  private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String EPOCH = "1970-01-01T00:00:00Z";
  private static final String NO_STATE = "-state,-used_objects";

  private final Transport transport;
  private final String registry;
  private final String committer;
  private final ExecutorService workers;

  PantahubTrails(Transport transport, String registry, String committer, ExecutorService workers) {
    this.transport = transport;
    this.registry = registry;
    this.committer = committer;
    this.workers = workers;
  }

  @Override
  public String registry() {
    return registry;
  }

  @Override
  public TrailStep latest(DeviceId device) {
    String hex = hexOf(device, registry);
    int rev;
    try {
      rev = revFromRemote(transport.json(Call.get("/trails/" + hex + "/.pvrremote")));
    } catch (PantahubNotFoundException e) {
      rev = latestRevFromSteps(device);
    } catch (PantahubException e) {
      throw notFoundOr(device, e);
    }
    int latestRev = rev;
    return step(device, latestRev)
        .orElseThrow(() -> Mapping.malformed(
            "GET /trails/{id}/.pvrremote",
            "names rev " + latestRev + " of " + device + ", which does not exist"));
  }

  /** Fallback for hubs without {@code .pvrremote}: the highest rev of the steps list. */
  private int latestRevFromSteps(DeviceId device) {
    List<TrailStep> all = steps(device, List.of());
    if (all.isEmpty()) {
      throw new NotFoundException("device", device.toString());
    }
    return all.get(all.size() - 1).rev();
  }

  @Override
  public Optional<TrailStep> step(DeviceId device, int rev) {
    String hex = hexOf(device, registry);
    if (rev < 0) {
      return Optional.empty();
    }
    try {
      JsonNode s = transport.json(Call.get("/trails/" + hex + "/steps/" + rev));
      return Optional.of(Mapping.step(s, registry, true, "GET /trails/{id}/steps/{rev}"));
    } catch (PantahubNotFoundException e) {
      return Optional.empty();
    } catch (PantahubException e) {
      if (e.status() != 500) {
        throw e;
      }
      // Pantahub answers 500 both for unknown trails and unknown revs: tell them apart.
      RuntimeException nf = notFoundOr(device, e);
      if (nf != e) {
        throw nf;
      }
      int latestRev = revFromRemote(transport.json(Call.get("/trails/" + hex + "/.pvrremote")));
      if (rev > latestRev) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Steps of the trail ({@code GET /trails/{id}/steps}), oldest first, without states. {@code statuses}
   * empty = every step ({@code {"$exists":true}}); one status = equality; several =
   * {@code {"$in":[...]}}.
   */
  public List<TrailStep> steps(DeviceId device, Collection<String> statuses) {
    String hex = hexOf(device, registry);
    Call call = Call.get("/trails/" + hex + "/steps")
        .query("progress.status", statusFilter(statuses))
        .query("fields", NO_STATE);
    JsonNode arr;
    try {
      arr = transport.json(call);
    } catch (PantahubException e) {
      throw notFoundOr(device, e);
    }
    if (arr == null || !arr.isArray()) {
      throw Mapping.malformed("GET /trails/{id}/steps", "expected a JSON array of steps");
    }
    List<TrailStep> out = new ArrayList<>(arr.size());
    for (JsonNode s : arr) {
      out.add(Mapping.step(s, registry, false, "GET /trails/{id}/steps"));
    }
    return out;
  }

  @Override
  public TrailStep post(DeviceId device, StepRequest request) {
    String hex = hexOf(device, registry);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("rev", -1);
    body.put("commit-msg", request.commitMessage());
    body.set("state", Mapping.stateJson(request.state()));
    ObjectNode meta = body.putObject("meta");
    request.marker().toMeta().forEach(meta::put);
    body.put("committer", committer);
    Call call = Call.post("/trails/" + hex + "/steps", body);
    int max = transport.retryPolicy().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      PantahubException failure;
      try {
        return Mapping.step(transport.json(call), registry, true, "POST /trails/{id}/steps");
      } catch (PantahubTransportException e) {
        if (Transport.notSent(e.getCause())) {
          throw e; // never sent; the transport already retried it
        }
        failure = e;
      } catch (PantahubException e) {
        if (e.status() != 502 && e.status() != 503 && e.status() != 504) {
          throw notFoundOr(device, e);
        }
        failure = e;
      }
      // Unknown outcome: did the hub store it?
      Optional<TrailStep> stored = find(device, request.marker());
      if (stored.isPresent()) {
        return step(device, stored.get().rev()).orElse(stored.get());
      }
      if (attempt >= max) {
        throw new PantahubException(
            failure.getMessage() + "; no step with marker " + request.marker()
                + " was stored, gave up after " + attempt + " attempts",
            failure.status(),
            failure.errorId().orElse(null),
            failure.method(),
            failure.path(),
            failure);
      }
      transport.backoffPause(call, attempt);
    }
  }

  /**
   * Posts many steps with as many in flight as the client's adaptive limit allows (at most
   * {@code maxConcurrentRequests}), each with {@link #post}'s safety, on the client's shared workers
   * (no thread pool per call). Returns one outcome per device, in the map's order; a failed post does
   * not stop the others.
   *
   * @throws IllegalStateException if the client is {@linkplain PantahubClient#close() closed}
   */
  public List<PostOutcome> postAll(Map<DeviceId, StepRequest> requests) {
    List<PostOutcome> out = new ArrayList<>(requests.size());
    if (requests.isEmpty()) {
      return out;
    }
    List<DeviceId> ids = new ArrayList<>(requests.keySet());
    PostOutcome[] results = new PostOutcome[ids.size()];
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    Runnable drain = () -> {
      for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
        DeviceId d = ids.get(i);
        try {
          results[i] = new PostOutcome(d, post(d, requests.get(d)), null);
        } catch (FleetException e) {
          results[i] = new PostOutcome(d, null, e);
        } catch (RuntimeException e) {
          results[i] =
              new PostOutcome(d, null, new FleetException("Posting to " + d + " failed: " + e, e));
        }
      }
    };
    int n = Math.min(postConcurrency(), ids.size());
    List<Future<?>> running = new ArrayList<>(n);
    try {
      for (int w = 1; w < n; w++) {
        try {
          running.add(workers.submit(drain));
        } catch (java.util.concurrent.RejectedExecutionException e) {
          throw new IllegalStateException(
              "This Pantahub client is closed: bulk posts need its workers", e);
        }
      }
      drain.run();
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.forEach(f -> f.cancel(true));
      throw new FleetException("Interrupted while posting " + requests.size() + " steps", e);
    } catch (ExecutionException e) {
      throw new FleetException("Posting worker failed: " + e.getCause(), e.getCause());
    }
    for (PostOutcome o : results) {
      out.add(o);
    }
    return out;
  }

  /**
   * The client's adaptive request limit ({@code maxConcurrentRequests} at most, see
   * {@link PantahubClient.Builder#maxConcurrentRequests}): each post is a chain of sequential
   * requests, so this many posts keep that many requests in flight.
   */
  @Override
  public int postConcurrency() {
    return transport.limit().limit();
  }

  @Override
  public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
    List<TrailStep> all = steps(device, List.of());
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).marker().filter(marker::equals).isPresent()) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean cancel(DeviceId device, int rev) {
    return endStep(device, rev, "cancel", "CANCEL");
  }

  /**
   * Marks an INPROGRESS step WONTGO ({@code PUT .../wontgo}, USER tokens only). True if the step is now
   * WONTGO, false if it was in another state.
   */
  public boolean wontgo(DeviceId device, int rev) {
    return endStep(device, rev, "wontgo", "WONTGO");
  }

  private boolean endStep(DeviceId device, int rev, String action, String status) {
    String hex = hexOf(device, registry);
    try {
      JsonNode p =
          transport.json(Call.put("/trails/" + hex + "/steps/" + rev + "/" + action, null));
      return status.equals(Mapping.progress(p, null).rawStatus());
    } catch (PantahubException e) {
      if (e.status() != 400) {
        throw notFoundOr(device, e);
      }
      // 400: the step is not in the state the action needs; it may already be there.
      return step(device, rev).map(s -> status.equals(s.progress().rawStatus())).orElse(false);
    }
  }

  /** Summaries of all the user's devices ({@code GET /trails/summary}), in the hub's order. */
  public List<TrailSummary> summaries() {
    JsonNode arr = transport.json(Call.get("/trails/summary"));
    if (arr == null || !arr.isArray()) {
      throw Mapping.malformed("GET /trails/summary", "expected a JSON array of summaries");
    }
    List<TrailSummary> out = new ArrayList<>(arr.size());
    for (JsonNode s : arr) {
      out.add(summary(s));
    }
    return out;
  }

  /** One device's summary ({@code GET /trails/{id}/summary}); empty when the hub has none (403). */
  public Optional<TrailSummary> summary(DeviceId device) {
    try {
      return Optional.of(
          summary(transport.json(Call.get("/trails/" + hexOf(device, registry) + "/summary"))));
    } catch (PantahubForbiddenException | PantahubNotFoundException e) {
      return Optional.empty();
    }
  }

  private TrailSummary summary(JsonNode s) {
    String ep = "GET /trails/summary";
    DeviceId d = Mapping.deviceId(Mapping.requiredText(s, "deviceid", ep), registry, ep);
    StepProgress p = StepProgress.of(
        s.path("status").asText("").isEmpty() ? "NEW" : s.path("status").asText(),
        s.path("progress").asInt(0),
        s.path("status-msg").asText(""),
        Mapping.time(s, "progress-time", ep));
    return new TrailSummary(
        d,
        s.path("device-nick").asText(""),
        s.path("revision").asInt(0),
        s.path("progress-revision").asInt(0),
        p,
        s.path("state-sha").asText(""),
        Mapping.time(s, "timestamp", ep));
  }

  /** Objects of a step with their names ({@code GET /trails/{id}/steps/{rev}/objects}). */
  public List<PantahubObject> stepObjects(DeviceId device, int rev) {
    String ep = "GET /trails/{id}/steps/{rev}/objects";
    JsonNode arr;
    try {
      arr = transport.json(
          Call.get("/trails/" + hexOf(device, registry) + "/steps/" + rev + "/objects"));
    } catch (PantahubException e) {
      throw notFoundOr(device, e);
    }
    if (arr == null || !arr.isArray()) {
      throw Mapping.malformed(ep, "expected a JSON array of objects");
    }
    List<PantahubObject> out = new ArrayList<>(arr.size());
    for (JsonNode o : arr) {
      out.add(PantahubObject.from(o, ep));
    }
    return out;
  }

  /**
   * Fleet-wide progress from {@code GET /changes/steps?page[size]=N&page[after]=<cursor>}. The hub
   * serves at most 250 per request, so up to {@code limit} steps are gathered from successive hub pages,
   * stopping at a page shorter than asked (the head of the feed): fewer than {@code limit} steps means
   * caught up. The cursor is the RFC 3339 time of the last change seen; {@code null} starts at the
   * epoch. Meta keys arrive in stored form and are decoded; states are dropped.
   *
   * @throws InvalidInputException if {@code limit < 1} or the cursor is not a time
   */
  @Override
  public ProgressPage progressSince(String cursor, int limit) {
    PantahubChanges changes = new PantahubChanges(transport, registry);
    List<TrailStep> steps = new ArrayList<>();
    String next = cursor;
    while (true) {
      int ask = Math.min(limit - steps.size(), PantahubChanges.MAX_PAGE_SIZE);
      String before = next;
      PantahubChanges.Page<TrailStep> page = changes.steps(before, ask);
      steps.addAll(page.items());
      next = page.nextCursor();
      if (page.items().size() < ask || steps.size() >= limit || next.equals(before)) {
        return new ProgressPage(steps, next);
      }
    }
  }

  @Override
  public boolean objectExists(String sha256) {
    return new PantahubObjects(transport).exists(sha256);
  }

  /**
   * The device's liveness (for the soak health gate): the revision it runs, from its device-meta
   * {@code pantavisor.revision} ({@code GET /devices/{id}}; -1 if it has not said), and when it was last
   * seen, from its trail summary's {@code timestamp} ("greater of last seen and last modified",
   * {@code GET /trails/{id}/summary}). Empty when the hub shows no summary for it. Two reads; idempotent.
   */
  @Override
  public Optional<DeviceLiveness> liveness(DeviceId device) {
    String hex = hexOf(device, registry);
    JsonNode d;
    try {
      d = transport.json(Call.get("/devices/" + hex));
    } catch (PantahubNotFoundException | PantahubForbiddenException e) {
      throw new NotFoundException("device", device.toString());
    }
    int running;
    try {
      running = Integer.parseInt(
          d.path("device-meta").path("pantavisor.revision").asText("-1").strip());
    } catch (NumberFormatException e) {
      running = -1;
    }
    int rev = running;
    return summary(device)
        .flatMap(TrailSummary::lastSeen)
        .map(seen -> new DeviceLiveness(seen, rev));
  }

  /** Error lines ({@code lvl=ERROR}) of the device's log for {@code rev}, oldest first. */
  @Override
  public List<String> errorLog(DeviceId device, int rev, int maxLines) {
    List<String> out = new ArrayList<>();
    for (LogEntry e :
        new PantahubLogs(transport, registry).entries(device, rev, List.of("ERROR"), maxLines)) {
      out.add(e.message());
    }
    return out;
  }

  static String statusFilter(Collection<String> statuses) {
    if (statuses.isEmpty()) {
      return "{\"$exists\":true}";
    }
    if (statuses.size() == 1) {
      return statuses.iterator().next();
    }
    com.fasterxml.jackson.databind.node.ArrayNode in = Json.MAPPER.createArrayNode();
    statuses.forEach(in::add);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.set("$in", in);
    return o.toString();
  }

  private static int revFromRemote(JsonNode remote) {
    String url = remote == null ? "" : remote.path("step-get-url").asText("");
    int slash = url.lastIndexOf('/');
    try {
      return Integer.parseInt(url.substring(slash + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw Mapping.malformed("GET /trails/{id}/.pvrremote", "no revision in 'step-get-url'");
    }
  }

  /**
   * Pantahub answers 500 (and sometimes 403/404) for unknown trails. If the device itself is unknown,
   * the caller gets a {@link NotFoundException}; otherwise the original error.
   */
  RuntimeException notFoundOr(DeviceId device, PantahubException e) {
    if (e.status() != 500 && e.status() != 403 && e.status() != 404) {
      return e;
    }
    try {
      transport.json(Call.get("/devices/" + device.id()));
      return e;
    } catch (PantahubNotFoundException | PantahubForbiddenException nf) {
      return new NotFoundException("device", device.toString());
    } catch (PantahubException other) {
      return e;
    }
  }

  /** Whether {@code id} can name a device of the hub served as {@code registry}. */
  static boolean isPantahubId(DeviceId id, String registry) {
    return id.registry().equals(registry) && HEX24.matcher(id.id()).matches();
  }

  static String hexOf(DeviceId id, String registry) {
    if (!id.registry().equals(registry)) {
      throw new InvalidInputException("Device " + id + " belongs to registry '" + id.registry()
          + "', but this Pantahub client serves '" + registry + "'");
    }
    if (!HEX24.matcher(id.id()).matches()) {
      throw new InvalidInputException("Device " + id
          + " has no Pantahub device id: expected 24 lower-case hex " + "characters before '@'");
    }
    return id.id();
  }

  static void checkSha(String sha) {
    if (sha == null || !SHA256.matcher(sha).matches()) {
      throw new InvalidInputException("Object id '"
          + (sha == null ? "null" : sha.length() > 70 ? sha.substring(0, 70) + "…" : sha)
          + "' is not a sha256: expected 64 lower-case hex characters");
    }
  }

  @Override
  public String toString() {
    return "PantahubTrails[" + registry + "]";
  }
}
