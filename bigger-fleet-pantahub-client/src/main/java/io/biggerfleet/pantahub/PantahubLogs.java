package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Mapping;
import io.biggerfleet.pantahub.internal.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Device logs ({@code GET /logs/}), e.g. to explain a failed step:
 * {@code entries(device, rev, List.of("ERROR"), 50)} →
 * {@code GET /logs/?dev=<id>&rev=<rev>&lvl=ERROR&sort=tsec,tnano&page=50}. Thread-safe.
 */
public final class PantahubLogs {
  /** The most entries one call asks for. */
  public static final int MAX_PAGE = 1000;

  private final Transport transport;
  private final String registry;

  PantahubLogs(Transport transport, String registry) {
    this.transport = transport;
    this.registry = registry;
  }

  /**
   * Up to {@code max} entries of the device's log for revision {@code rev} with one of the levels
   * (empty = all), oldest first.
   *
   * @throws InvalidInputException if {@code max} is not 1..{@value #MAX_PAGE}
   */
  public List<LogEntry> entries(DeviceId device, int rev, Collection<String> levels, int max) {
    if (max < 1 || max > MAX_PAGE) {
      throw new InvalidInputException("Log page size must be 1.." + MAX_PAGE + ", was " + max);
    }
    String ep = "GET /logs/";
    Call call = Call.get("/logs/")
        .query("dev", PantahubTrails.hexOf(device, registry))
        .query("rev", Integer.toString(rev));
    if (!levels.isEmpty()) {
      call.query("lvl", String.join(",", levels));
    }
    call.query("sort", "tsec,tnano").query("page", Integer.toString(max));
    JsonNode body = transport.json(call);
    if (body == null || !body.isObject()) {
      throw Mapping.malformed(ep, "expected {\"entries\":[...]}");
    }
    JsonNode entries = body.get("entries");
    List<LogEntry> out = new ArrayList<>();
    if (entries == null || entries.isNull()) {
      return out;
    }
    if (!entries.isArray()) {
      throw Mapping.malformed(ep, "'entries' is not an array");
    }
    for (JsonNode e : entries) {
      Instant t =
          Instant.ofEpochSecond(e.path("tsec").asLong(0), e.path("tnano").asLong(0));
      out.add(new LogEntry(
          t,
          e.path("lvl").asText(""),
          e.path("src").asText(""),
          e.path("rev").asText(""),
          e.path("msg").asText("")));
      if (out.size() >= max) {
        break;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "PantahubLogs[" + registry + "]";
  }
}
