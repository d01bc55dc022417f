package io.biggerfleet.pantahub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.biggerfleet.pantahub.PantahubConflictException;
import io.biggerfleet.pantahub.PantahubException;
import io.biggerfleet.pantahub.PantahubForbiddenException;
import io.biggerfleet.pantahub.PantahubNotFoundException;
import io.biggerfleet.pantahub.PantahubRateLimitedException;
import io.biggerfleet.pantahub.PantahubTransportException;
import io.biggerfleet.pantahub.PantahubUnauthorizedException;
import io.biggerfleet.pantahub.RetryPolicy;
import io.biggerfleet.pantahub.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends {@link Call}s to the hub: adds the headers Pantahub wants ({@code User-Agent},
 * {@code Authorization: Bearer}, JSON content type), bounds concurrency with an {@link AdaptiveLimit}, retries
 * what is safe to retry, refreshes the token once on 401 and maps error statuses to typed exceptions.
 * Thread-safe. Internal; not API.
 */
public final class Transport {
  private static final System.Logger LOG = System.getLogger("io.biggerfleet.pantahub");

  private final HttpClient http;
  private final String base;
  private final String userAgent;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final AdaptiveLimit limit;
  private Session session;

  public Transport(
      HttpClient http,
      URI base,
      String userAgent,
      Duration requestTimeout,
      RetryPolicy retry,
      Sleeper sleeper,
      Clock clock,
      int maxConcurrentRequests) {
    this.http = http;
    String b = base.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.userAgent = userAgent;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.limit = new AdaptiveLimit(maxConcurrentRequests, System::nanoTime, () -> {
      java.time.Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    });
  }

  /** The adaptive bound on requests in flight (at most {@code maxConcurrentRequests}). */
  public AdaptiveLimit limit() {
    return limit;
  }

  /** Attaches the session (set once, right after construction). */
  public void session(Session s) {
    this.session = s;
  }

  public Clock clock() {
    return clock;
  }

  /** The base URI as a string without trailing slash. */
  public String base() {
    return base;
  }

  public RetryPolicy retryPolicy() {
    return retry;
  }

  /** Waits the backoff before retry number {@code retry} of {@code call}. */
  public void backoffPause(Call call, int retry) {
    pause(call, this.retry.backoff(retry, ThreadLocalRandom.current().nextDouble()));
  }

  /** The outcome of a call that did not throw. */
  public static final class Response {
    public final int status;
    public final JsonNode body;
    public final HttpHeaders headers;

    Response(int status, JsonNode body, HttpHeaders headers) {
      this.status = status;
      this.body = body;
      this.headers = headers;
    }
  }

  /** Reads one element of a streamed JSON array. */
  @FunctionalInterface
  public interface ElementReader {
    void read(JsonNode element);
  }

  /**
   * Sends the call and streams the top-level JSON array of its answer element by element, so a list
   * of 100,000 devices never becomes one big tree. Returns the number of elements.
   *
   * @throws PantahubException if the answer is not a JSON array or is malformed (naming the endpoint)
   */
  public int array(Call call, ElementReader reader) {
    HttpResponse<byte[]> resp = exchangeWithRetries(call);
    byte[] b = resp.body();
    int n = 0;
    try (com.fasterxml.jackson.core.JsonParser p =
        Json.MAPPER.createParser(b == null ? new byte[0] : b)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        throw Mapping.malformed(call.describe(), "expected a JSON array");
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        reader.read(Json.ELEMENT_READER.readValue(p));
        n++;
      }
      if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
        throw Mapping.malformed(call.describe(), "expected only objects in the array");
      }
      return n;
    } catch (IOException e) {
      throw new PantahubException(
          call.describe() + " returned malformed JSON (HTTP " + resp.statusCode() + ", "
              + (b == null ? 0 : b.length) + " bytes): " + firstLine(e.getMessage()),
          resp.statusCode(),
          null,
          call.method,
          call.path,
          e);
    }
  }

  /** Sends the call and returns the parsed body of a 2xx (or accepted) response. */
  public JsonNode json(Call call) {
    return send(call).body;
  }

  /**
   * Sends the call, retrying and refreshing as its kind allows.
   *
   * @throws PantahubException (a subtype where one fits) when the call finally fails
   */
  public Response send(Call call) {
    HttpResponse<byte[]> resp = exchangeWithRetries(call);
    return new Response(resp.statusCode(), parse(call, resp), resp.headers());
  }

  /** The 2xx (or accepted) response of the call, after retries and at most one token renewal. */
  private HttpResponse<byte[]> exchangeWithRetries(Call call) {
    boolean renewed = false;
    int attempt = 0;
    while (true) {
      attempt++;
      String token = bearerFor(call);
      HttpResponse<byte[]> resp;
      try {
        resp = exchange(call, token);
      } catch (IOException e) {
        boolean notSent = notSent(e);
        if ((call.retrySafe || notSent) && attempt < retry.maxAttempts()) {
          Duration d = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
          int a = attempt;
          LOG.log(
              System.Logger.Level.WARNING,
              () -> call.describe() + " failed (" + kind(e) + "); retry " + a + " in "
                  + d.toMillis() + " ms");
          pause(call, d);
          continue;
        }
        throw new PantahubTransportException(
            call.describe() + " failed: " + kind(e)
                + (attempt > 1 ? " (after " + attempt + " attempts)" : ""),
            call.method,
            call.path,
            e);
      }
      int status = resp.statusCode();
      LOG.log(System.Logger.Level.DEBUG, () -> call.describe() + " -> " + status);
      if (status == 401
          && token != null
          && call.explicitBearer == null
          && !renewed
          && session != null) {
        renewed = true;
        session.renew(token);
        attempt--;
        continue;
      }
      if ((status >= 200 && status < 300) || call.accepted.contains(status)) {
        return resp;
      }
      if (isRetryableStatus(status)
          && (call.retrySafe || status == 429)
          && attempt < retry.maxAttempts()) {
        Optional<Duration> after = retryAfter(resp.headers());
        if (after.isEmpty() || after.get().compareTo(retry.maxRetryAfter()) <= 0) {
          int a = attempt;
          Duration d =
              after.orElseGet(() -> retry.backoff(a, ThreadLocalRandom.current().nextDouble()));
          LOG.log(
              System.Logger.Level.WARNING,
              () -> call.describe() + " answered " + status + "; retry " + a + " in " + d.toMillis()
                  + " ms");
          pause(call, d);
          continue;
        }
      }
      throw error(call, status, resp, attempt);
    }
  }

  private static boolean isRetryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  private String bearerFor(Call call) {
    if (call.explicitBearer != null) {
      return call.explicitBearer;
    }
    if (!call.authenticated || session == null) {
      return null;
    }
    return session.bearer();
  }

  private HttpResponse<byte[]> exchange(Call call, String token) throws IOException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + call.pathAndQuery()))
        .timeout(requestTimeout)
        .header("User-Agent", userAgent)
        .header("Accept", "application/json");
    if (token != null) {
      rb.header("Authorization", "Bearer " + token);
    }
    if (call.body != null) {
      byte[] bytes;
      try {
        bytes = Json.MAPPER.writeValueAsBytes(call.body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode request body of " + call.describe(), e);
      }
      rb.header("Content-Type", "application/json")
          .method(call.method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    } else {
      rb.method(call.method, HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest req = rb.build();
    long start = acquire(call.describe(), call.method, call.path);
    AdaptiveLimit.Outcome outcome = AdaptiveLimit.Outcome.ANSWERED;
    long retryAfterNanos = 0;
    try {
      HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() == 429 || resp.statusCode() == 503) {
        outcome = AdaptiveLimit.Outcome.OVERLOADED;
        retryAfterNanos = retryAfter(resp.headers())
            .filter(d -> d.compareTo(retry.maxRetryAfter()) <= 0)
            .map(Duration::toNanos)
            .orElse(0L);
      }
      return resp;
    } catch (HttpTimeoutException e) {
      outcome = AdaptiveLimit.Outcome.DROPPED;
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PantahubTransportException(
          call.describe() + " interrupted", call.method, call.path, e);
    } finally {
      limit.release(start, outcome, retryAfterNanos);
    }
  }

  /**
   * Waits out a pending {@code Retry-After} with the sleeper (so a test's manual clock moves with it),
   * then takes a permit from the adaptive limit.
   */
  private long acquire(String what, String method, String path) {
    try {
      for (long p = limit.pausedForNanos(); p > 0; p = limit.pausedForNanos()) {
        sleeper.sleep(Duration.ofNanos(p));
      }
      return limit.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PantahubTransportException(what + " interrupted", method, path, e);
    }
  }

  /** Sends raw bytes to an absolute URL without any credentials (signed object URLs). */
  public int putUnauthenticated(URI url, byte[] bytes, String what) {
    HttpRequest req = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("User-Agent", userAgent)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    long start = acquire("Upload of " + what, "PUT", "<signed url>");
    try {
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PantahubTransportException(
          "Upload of " + what + " interrupted", "PUT", "<signed url>", e);
    } catch (IOException e) {
      throw new PantahubTransportException(
          "Upload of " + what + " to its signed URL failed: " + kind(e), "PUT", "<signed url>", e);
    } finally {
      limit.release(start, AdaptiveLimit.Outcome.ANSWERED, 0);
    }
  }

  private void pause(Call call, Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PantahubTransportException(
          call.describe() + " interrupted while waiting to retry", call.method, call.path, e);
    }
  }

  private static JsonNode parse(Call call, HttpResponse<byte[]> resp) {
    byte[] b = resp.body();
    if (b == null || b.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(b);
    } catch (IOException e) {
      throw new PantahubException(
          call.describe() + " returned malformed JSON (HTTP " + resp.statusCode() + ", " + b.length
              + " bytes): " + firstLine(e.getMessage()),
          resp.statusCode(),
          null,
          call.method,
          call.path,
          e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private Optional<Duration> retryAfter(HttpHeaders h) {
    Optional<String> v = h.firstValue("Retry-After");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private PantahubException error(Call call, int status, HttpResponse<byte[]> resp, int attempts) {
    String errorId = null;
    String msg = null;
    try {
      byte[] b = resp.body();
      JsonNode n = b == null || b.length == 0 ? null : Json.MAPPER.readTree(b);
      if (n != null && n.isObject()) {
        JsonNode e = n.get("error");
        if (e != null && e.isTextual()) {
          errorId = e.asText();
        }
        JsonNode m = n.has("msg") ? n.get("msg") : n.get("Error");
        if (m != null && m.isTextual() && !m.asText().isBlank()) {
          msg = m.asText();
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // error bodies are best effort; the status says enough
    }
    StringBuilder sb =
        new StringBuilder(call.describe()).append(" failed: HTTP ").append(status);
    if (msg != null) {
      sb.append(" \"")
          .append(msg.length() > 200 ? msg.substring(0, 200) + "…" : msg)
          .append('"');
    }
    if (errorId != null) {
      sb.append(" (server error id ").append(errorId).append(')');
    }
    if (attempts > 1) {
      sb.append(" after ").append(attempts).append(" attempts");
    }
    String m = sb.toString();
    switch (status) {
      case 401:
        return new PantahubUnauthorizedException(
            m + "; log in again", status, errorId, call.method, call.path);
      case 403:
        boolean scope = resp.headers().allValues("WWW-Authenticate").stream()
            .anyMatch(h -> h.contains("insufficient_scope"));
        return new PantahubForbiddenException(
            scope ? m + "; the token lacks a scope this call needs" : m,
            errorId,
            call.method,
            call.path,
            scope);
      case 404:
        return new PantahubNotFoundException(m, status, errorId, call.method, call.path);
      case 409:
        return new PantahubConflictException(m, status, errorId, call.method, call.path);
      case 429:
        return new PantahubRateLimitedException(
            m, errorId, call.method, call.path, retryAfter(resp.headers()).orElse(null));
      default:
        return new PantahubException(m, status, errorId, call.method, call.path, null);
    }
  }

  /** True for failures that happen before the request left the client (safe to repeat any call). */
  public static boolean notSent(Throwable e) {
    return e instanceof ConnectException || e instanceof java.net.http.HttpConnectTimeoutException;
  }

  private static String kind(IOException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "cannot connect";
    }
    return "connection error (" + e.getClass().getSimpleName() + ")";
  }
}
