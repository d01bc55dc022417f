package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Mapping;
import io.biggerfleet.pantahub.internal.Transport;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.spi.TrailStep;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The changes feed: every step or device the hub modified after a time, oldest first, for the whole
 * account. Poll it with the cursor of the previous page to see every device's progress fleet-wide
 * ({@code GET /changes/steps|devices?page[size]=N&page[after]=<RFC3339Nano>}).
 *
 * <p>Cursor: the RFC 3339 time of the last item seen, taken from the hub's {@code links.next} (else the
 * last item's {@code time-modified}); an empty page keeps the cursor. {@code null} starts at
 * {@code 1970-01-01T00:00:00Z}. The hub compares strictly ("after") on millisecond times, so after a
 * <em>full</em> page the cursor steps back one millisecond before its last item: changes sharing that
 * millisecond are not lost, and may be delivered twice (progress is state, so consumers must treat a
 * repeated step as an update, not a new event). Only when more than a page of changes share one
 * millisecond can some be skipped — a limit of the hub's API.
 *
 * <p>Thread-safe. Errors: {@link PantahubException}s; a bad cursor or size is an
 * {@link InvalidInputException}.
 */
public final class PantahubChanges {
  /** The hub's largest page. */
  public static final int MAX_PAGE_SIZE = 250;

  private static final String START = "1970-01-01T00:00:00Z";

  private final Transport transport;
  private final String registry;

  PantahubChanges(Transport transport, String registry) {
    this.transport = transport;
    this.registry = registry;
  }

  /** Steps changed after {@code cursor} (progress reports, new posts, cancels), without states. */
  public Page<TrailStep> steps(String cursor, int size) {
    return page(
        "/changes/steps",
        cursor,
        size,
        s -> Mapping.step(s, registry, false, "GET /changes/steps"));
  }

  /** Devices changed after {@code cursor} (meta updates, renames), without trail summaries. */
  public Page<RegistryDevice> devices(String cursor, int size) {
    return page(
        "/changes/devices",
        cursor,
        size,
        d -> Mapping.device(d, null, registry, "GET /changes/devices"));
  }

  private <T> Page<T> page(String path, String cursor, int size, Function<JsonNode, T> map) {
    if (size < 1) {
      throw new InvalidInputException("Changes page size must be at least 1, was " + size);
    }
    String after = cursor == null ? START : cursor;
    try {
      OffsetDateTime.parse(after);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "Changes cursor '" + (after.length() > 40 ? after.substring(0, 40) + "…" : after)
              + "' is not an RFC 3339 time; pass null or the cursor of a previous page");
    }
    String ep = "GET " + path;
    JsonNode body = transport.json(Call.get(path)
        .query("page[size]", Integer.toString(Math.min(size, MAX_PAGE_SIZE)))
        .query("page[after]", after));
    if (body == null || !body.isObject()) {
      throw Mapping.malformed(ep, "expected {\"links\":{...},\"data\":[...]}");
    }
    JsonNode data = body.get("data");
    if (data == null || data.isNull()) {
      return new Page<>(List.of(), after);
    }
    if (!data.isArray()) {
      throw Mapping.malformed(ep, "'data' is not an array");
    }
    List<T> items = new ArrayList<>(data.size());
    for (JsonNode n : data) {
      items.add(map.apply(n));
    }
    String next = after;
    if (!items.isEmpty()) {
      String fromLink = afterParam(body.path("links").path("next").asText(""));
      if (fromLink != null) {
        next = fromLink;
      } else {
        JsonNode last = data.get(data.size() - 1);
        String t = last.path("time-modified").asText(last.path("timemodified").asText(""));
        if (t.isEmpty()) {
          throw Mapping.malformed(
              ep, "no links.next and no time-modified on the last item; cannot continue");
        }
        next = t;
      }
      if (data.size() >= Math.min(size, MAX_PAGE_SIZE)) {
        next = overlap(data, next);
      }
    }
    return new Page<>(items, next);
  }

  /**
   * A full page may end in the middle of a millisecond (the hub keeps millisecond times and pages
   * strictly after the cursor): continue from one millisecond before the last item so that changes
   * sharing its time are not skipped, as long as that still moves forward (some item of this page is
   * at or before that point). Steps of that last millisecond may then be delivered twice.
   */
  private static String overlap(JsonNode data, String next) {
    Instant last;
    try {
      last = OffsetDateTime.parse(next).toInstant();
    } catch (DateTimeParseException e) {
      return next;
    }
    Instant back = last.minusMillis(1);
    for (JsonNode n : data) {
      String t = n.path("time-modified").asText(n.path("timemodified").asText(""));
      try {
        if (!t.isEmpty() && !OffsetDateTime.parse(t).toInstant().isAfter(back)) {
          return back.toString();
        }
      } catch (DateTimeParseException e) {
        return next;
      }
    }
    return next;
  }

  private static String afterParam(String link) {
    if (link.isEmpty()) {
      return null;
    }
    try {
      String q = URI.create(link).getRawQuery();
      if (q == null) {
        return null;
      }
      for (String part : q.split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0
            && URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8)
                .equals("page[after]")) {
          String v = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
          OffsetDateTime.parse(v);
          return v;
        }
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return null;
    }
    return null;
  }

  @Override
  public String toString() {
    return "PantahubChanges[" + registry + "]";
  }

  /**
   * One page of the feed and the cursor to poll next. Immutable and thread-safe.
   *
   * @param <T> the item type
   */
  public static final class Page<T> {
    private final List<T> items;
    private final String nextCursor;

    Page(List<T> items, String nextCursor) {
      this.items = List.copyOf(items);
      this.nextCursor = Objects.requireNonNull(nextCursor, "cursor");
    }

    /** Changed items, oldest change first. */
    public List<T> items() {
      return items;
    }

    /** The cursor for the next poll (unchanged if the page is empty). */
    public String nextCursor() {
      return nextCursor;
    }

    @Override
    public String toString() {
      return "Page[" + items.size() + " items, next=" + nextCursor + "]";
    }
  }
}
