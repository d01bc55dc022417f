package io.biggerfleet.pantahub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLSocketFactory;

/** A small HTTP helper for the contract tests: real requests over loopback (or to a real hub). */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  Http(URI base) {
    this.base = base;
  }

  /** One answer. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  Reply post(String path, String token, String json) {
    return send("POST", path, token, json);
  }

  Reply put(String path, String token, String json) {
    return send("PUT", path, token, json);
  }

  Reply patch(String path, String token, String json) {
    return send("PATCH", path, token, json);
  }

  Reply send(String method, String path, String token, String body, String... headers) {
    URI uri = path.startsWith("http") ? URI.create(path) : URI.create(base + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("User-Agent", "bigger-fleet-sim-contract/1.0");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    boolean contentType = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      contentType |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (body != null && !contentType) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a raw HTTP/1.1 request with exactly the given header lines (java.net.http always adds a User-Agent). */
  int rawStatus(String method, String path, String body, String... headerLines) {
    return raw(method, path, body, headerLines).status();
  }

  /** An answer read off a raw socket. */
  record RawReply(int status, String head, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  /**
   * Sends exactly these bytes as the request target ({@code path} may hold raw {@code ^ { } " | \}, which
   * {@link URI} and java.net.http refuse), with the given header lines; reads the answer until the
   * server closes the connection.
   */
  RawReply raw(String method, String path, String body, String... headerLines) {
    boolean tls = "https".equals(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder req =
        new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
    for (String h : headerLines) {
      req.append(h).append("\r\n");
    }
    req.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
    try (Socket s = tls
        ? SSLSocketFactory.getDefault().createSocket(base.getHost(), port)
        : new Socket(base.getHost(), port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = all.indexOf("\r\n\r\n");
      String head = end < 0 ? all : all.substring(0, end);
      String rest = end < 0 ? "" : all.substring(end + 4);
      java.util.regex.Matcher chunked =
          java.util.regex.Pattern.compile("(?i)transfer-encoding:\\s*chunked").matcher(head);
      if (chunked.find()) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (true) {
          int nl = rest.indexOf("\r\n", i);
          int n = Integer.parseInt(rest.substring(i, nl).trim(), 16);
          if (n == 0) {
            break;
          }
          b.append(rest, nl + 2, nl + 2 + n);
          i = nl + 2 + n + 2;
        }
        rest = b.toString();
      }
      return new RawReply(Integer.parseInt(head.substring(9, 12)), head, rest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The payload of a JWT. */
  static JsonNode claims(String jwt) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
