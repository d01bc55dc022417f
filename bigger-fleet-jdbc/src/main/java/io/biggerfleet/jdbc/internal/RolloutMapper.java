package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.model.AbortRule;
import io.biggerfleet.model.Change;
import io.biggerfleet.model.DeviceRetry;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.MaintenanceWindow;
import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.RateRamp;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.model.SuccessCriteria;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Table {@code bf_rollout}: key name; indexed state; the document holds the whole definition. When
 * {@link Rollout} gains fields, add them to {@link #encode} and {@link #decode} here (give older
 * documents a default in {@code decode}); no migration is needed unless a new field must be queried
 * by SQL, in which case add an indexed column in a new migration and bind it in {@link #bindIndex}.
 */
final class RolloutMapper extends RecordMapper<String, Rollout> {
  static final RolloutMapper INSTANCE = new RolloutMapper();

  private RolloutMapper() {
    super("rollout", "bf_rollout", List.of("name"), List.of("state"));
  }

  @Override
  int bindKey(PreparedStatement ps, int i, String key) throws SQLException {
    ps.setString(i, key);
    return i + 1;
  }

  @Override
  int bindIndex(PreparedStatement ps, int i, Rollout r) throws SQLException {
    ps.setString(i, r.state().name());
    return i + 1;
  }

  @Override
  int keyValues(String key, Object[] row, int i) {
    row[i] = key;
    return i + 1;
  }

  @Override
  int indexValues(Rollout r, Object[] row, int i) {
    row[i] = r.state().name();
    return i + 1;
  }

  @Override
  String keyText(ResultSet rs, int col) throws SQLException {
    return rs.getString(col);
  }

  @Override
  String encode(Rollout r) {
    ObjectNode n = Json.object();
    n.put("kind", r.kind().name());
    r.parent().ifPresent(p -> n.put("parent", p));
    n.put("state", r.state().name());
    n.put("change", r.change().toString());
    r.detour().ifPresent(d -> n.put("detour", d.toString()));
    n.put("message", r.message());
    n.put("devices", r.devices());
    n.set("defaults", config(r.defaults()));
    ArrayNode steps = n.putArray("steps");
    for (RolloutStep st : r.steps()) {
      ObjectNode o = config(st.config());
      o.put("selector", st.selector());
      steps.add(o);
    }
    n.put("retryAttempts", r.retry().maxAttempts());
    n.put("retryBackoff", r.retry().backoff().toString());
    n.put("lateJoiners", r.lateJoiners().name());
    n.put("onGateFailure", r.onGateFailure().name());
    n.put("createdAt", r.createdAt().toString());
    n.put("timezone", r.timezone().getId());
    n.set("run", run(r.run()));
    return Json.write(n);
  }

  private static ObjectNode config(StepConfig c) {
    ObjectNode o = Json.object();
    o.put("window", c.window().toString());
    o.put("timeout", c.timeout().toString());
    o.put("minReportedBp", c.criteria().minReportedBasisPoints());
    o.put("minSuccessBp", c.criteria().minSuccessBasisPoints());
    StepGuards g = c.guards();
    if (g.needsApproval()) {
      g.approvers().forEach(o.putArray("approvers")::add);
    }
    if (!g.abortRules().isEmpty()) {
      o.put("abort", AbortRule.format(g.abortRules()));
    }
    g.soak().ifPresent(d -> o.put("soak", d.toString()));
    g.logsFail().ifPresent(l -> o.put("logsFail", l));
    if (!g.healthChecks().isEmpty()) {
      g.healthChecks().forEach(o.putArray("health")::add);
    }
    Pacing pc = c.pacing(); // absent when none: older documents read the same
    pc.maintenance().ifPresent(w -> o.put("maintenance", w.toString()));
    if (pc.rate().rateText() != null) {
      o.put("rate", pc.rate().rateText());
    }
    if (pc.rate().rampText() != null) {
      o.put("ramp", pc.rate().rampText());
    }
    return o;
  }

  private static ObjectNode run(RolloutRun run) {
    ObjectNode o = Json.object();
    run.activatedAt().ifPresent(t -> o.put("activatedAt", t.toString()));
    o.put("currentStep", run.currentStep());
    run.stepStartedAt().ifPresent(t -> o.put("stepStartedAt", t.toString()));
    run.gateAt().ifPresent(t -> o.put("gateAt", t.toString()));
    run.pausedAt().ifPresent(t -> o.put("pausedAt", t.toString()));
    run.finishedAt().ifPresent(t -> o.put("finishedAt", t.toString()));
    o.put("lastReportedBp", run.lastReportedBasisPoints());
    o.put("lastSuccessBp", run.lastSuccessBasisPoints());
    o.put("failedStep", run.failedStep());
    o.put("deviceCount", run.deviceCount());
    run.nextJoinerCheck().ifPresent(t -> o.put("nextJoinerCheck", t.toString()));
    ObjectNode cursors = o.putObject("cursors");
    run.cursors().forEach(cursors::put);
    o.put("watching", run.watching());
    run.backout().ifPresent(b -> o.put("backout", b));
    run.awaitingSince().ifPresent(t -> o.put("awaitingSince", t.toString()));
    run.failedBecause().ifPresent(w -> o.put("failedBecause", w));
    run.healthSince().ifPresent(t -> o.put("healthSince", t.toString()));
    run.healthNote().ifPresent(h -> o.put("healthNote", h));
    if (run.approvedStep() > 0) {
      o.put("approvedStep", run.approvedStep());
      run.approvedBy().ifPresent(w -> o.put("approvedBy", w));
      run.approvedAt().ifPresent(t -> o.put("approvedAt", t.toString()));
    }
    if (run.rampMinute() != Long.MIN_VALUE) {
      o.put("rampMinute", run.rampMinute());
      o.put("rampPosts", run.rampPosts());
    }
    return o;
  }

  @Override
  Rollout decode(String key, String doc) {
    JsonNode n = Json.read(kind, key, doc);
    Rollout.Builder b = Rollout.builder(key)
        .restoredState(RolloutState.valueOf(Json.text(n, "state", kind, key)))
        .change(Change.parse(Json.text(n, "change", kind, key)))
        .message(n.path("message").asText(""))
        .devices(n.path("devices").asText("/"))
        .createdAt(Json.instant(n, "createdAt", kind, key));
    if ("BACKOUT".equals(n.path("kind").asText()) && n.hasNonNull("parent")) {
      b.backoutOf(n.get("parent").asText());
    }
    if (n.hasNonNull("detour")) {
      b.detour(Change.parse(n.get("detour").asText()));
    }
    if (n.has("defaults")) {
      b.defaults(config(n.get("defaults")));
    }
    for (JsonNode st : n.path("steps")) {
      b.step(RolloutStep.of(st.path("selector").asText(), config(st)));
    }
    if (n.has("retryAttempts")) {
      b.retry(
          n.get("retryAttempts").asInt() <= 1
                  && n.path("retryBackoff").asText("PT0S").equals("PT0S")
              ? DeviceRetry.none()
              : DeviceRetry.of(
                  n.get("retryAttempts").asInt(),
                  Duration.parse(n.path("retryBackoff").asText("PT0S"))));
    }
    if (n.has("lateJoiners")) {
      b.lateJoiners(LateJoinerPolicy.valueOf(n.get("lateJoiners").asText()));
    }
    if (n.has("onGateFailure")) {
      b.onGateFailure(GateFailurePolicy.valueOf(n.get("onGateFailure").asText()));
    }
    if (n.hasNonNull("timezone")) {
      b.timezone(java.time.ZoneId.of(n.get("timezone").asText()));
    }
    if (n.has("run")) {
      b.run(run(n.get("run")));
    }
    return b.build();
  }

  private static StepConfig config(JsonNode o) {
    StepGuards g = StepGuards.none();
    if (o.has("approvers")) {
      List<String> who = new ArrayList<>();
      o.get("approvers").forEach(a -> who.add(a.asText()));
      g = g.withApproval(who);
    }
    if (o.hasNonNull("abort")) {
      g = g.withAbortRules(AbortRule.parseAll(o.get("abort").asText()));
    }
    if (o.hasNonNull("logsFail")) {
      g = g.withLogsFail(o.get("logsFail").asText());
    }
    if (o.hasNonNull("soak")) {
      g = g.withSoak(Duration.parse(o.get("soak").asText()));
    }
    if (o.has("health")) {
      List<String> names = new ArrayList<>();
      o.get("health").forEach(h -> names.add(h.asText()));
      g = g.withHealthChecks(names);
    }
    return StepConfig.of(
            Duration.parse(o.path("window").asText()),
            Duration.parse(o.path("timeout").asText()),
            SuccessCriteria.ofBasisPoints(
                o.path("minReportedBp").asInt(), o.path("minSuccessBp").asInt()))
        .withGuards(g)
        .withPacing(new Pacing(
            o.hasNonNull("maintenance")
                ? MaintenanceWindow.parse(o.get("maintenance").asText())
                : null,
            RateRamp.parse(
                o.hasNonNull("rate") ? o.get("rate").asText() : null,
                o.hasNonNull("ramp") ? o.get("ramp").asText() : null)));
  }

  private static RolloutRun run(JsonNode o) {
    RolloutRun.Builder b = RolloutRun.notStarted().toBuilder()
        .activatedAt(Json.instantOrNull(o, "activatedAt"))
        .currentStep(o.path("currentStep").asInt())
        .stepStartedAt(Json.instantOrNull(o, "stepStartedAt"))
        .gateAt(Json.instantOrNull(o, "gateAt"))
        .pausedAt(Json.instantOrNull(o, "pausedAt"))
        .finishedAt(Json.instantOrNull(o, "finishedAt"))
        .lastGate(o.path("lastReportedBp").asInt(-1), o.path("lastSuccessBp").asInt(-1))
        .failedStep(o.path("failedStep").asInt())
        .deviceCount(o.path("deviceCount").asInt())
        .nextJoinerCheck(Json.instantOrNull(o, "nextJoinerCheck"))
        .watching(o.path("watching").asBoolean());
    o.path("cursors")
        .properties()
        .forEach(e -> b.cursor(e.getKey(), e.getValue().asText()));
    if (o.hasNonNull("backout")) {
      b.backout(o.get("backout").asText());
    }
    b.awaitingSince(Json.instantOrNull(o, "awaitingSince"));
    b.failedBecause(o.hasNonNull("failedBecause") ? o.get("failedBecause").asText() : null);
    b.health(
        Json.instantOrNull(o, "healthSince"),
        o.hasNonNull("healthNote") ? o.get("healthNote").asText() : null);
    if (o.path("approvedStep").asInt() > 0) {
      b.approved(
          o.get("approvedStep").asInt(),
          o.path("approvedBy").asText(null),
          Json.instantOrNull(o, "approvedAt"));
    }
    if (o.hasNonNull("rampMinute")) {
      b.ramp(o.get("rampMinute").asLong(), o.path("rampPosts").asInt());
    }
    return b.build();
  }
}
