package io.biggerfleet.pantahub.sim.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 on the wire for {@link HubServer}: reads one request (request line, headers, a
 * {@code Content-Length} or chunked body) and writes one answer. Limits like Go's server: 1 MB of
 * request line and headers (431 beyond), and here 256 MB of body (413 beyond). Stateless. Not API.
 */
final class HttpExchangeIo {
  static final int MAX_HEADER_BYTES = 1 << 20;
  static final long MAX_BODY_BYTES = 256L << 20;

  /** A malformed or oversized request: answered with {@code status} and the connection closed. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String reason) {
      super(reason);
      this.status = status;
    }
  }

  /** One request as read from the wire. */
  record Incoming(
      String method,
      String target,
      String version,
      Map<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Whether the connection stays open after the answer (HTTP/1.1 unless "close"; 1.0 only on "keep-alive"). */
    boolean keepAlive() {
      String c = header("Connection");
      String conn = c == null ? "" : c.toLowerCase(Locale.ROOT);
      return "HTTP/1.0".equals(version) ? conn.contains("keep-alive") : !conn.contains("close");
    }
  }

  private HttpExchangeIo() {}

  /** Reads the next request; null on a clean end of stream before its first byte. */
  static Incoming read(InputStream in, OutputStream out) throws IOException, BadRequest {
    int[] budget = {MAX_HEADER_BYTES};
    String line = line(in, budget, true);
    while (line != null && line.isEmpty()) {
      line = line(in, budget, true); // Go skips empty lines before a request line
    }
    if (line == null) {
      return null;
    }
    int sp1 = line.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0) {
      throw new BadRequest(400, "malformed HTTP request");
    }
    String method = line.substring(0, sp1);
    String target = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    if (!version.matches("HTTP/1\\.[01]")) {
      throw new BadRequest(version.startsWith("HTTP/") ? 505 : 400, "malformed HTTP version");
    }
    if (!method.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw new BadRequest(400, "invalid method");
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    while (true) {
      String h = line(in, budget, false);
      if (h == null) {
        throw new BadRequest(400, "unexpected end of headers");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "malformed MIME header line");
      }
      headers
          .computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    Incoming head = new Incoming(method, target, version, headers, new byte[0]);
    if ("100-continue".equalsIgnoreCase(head.header("Expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return new Incoming(method, target, version, headers, body(in, head));
  }

  private static byte[] body(InputStream in, Incoming head) throws IOException, BadRequest {
    String te = head.header("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int[] budget = {MAX_HEADER_BYTES};
      while (true) {
        String size = line(in, budget, false);
        if (size == null) {
          throw new BadRequest(400, "unexpected end of chunked body");
        }
        int semi = size.indexOf(';');
        long n;
        try {
          n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new BadRequest(400, "bad chunk size");
        }
        if (n < 0 || out.size() + n > MAX_BODY_BYTES) {
          throw new BadRequest(413, "request body too large");
        }
        if (n == 0) {
          String trailer;
          do {
            trailer = line(in, budget, false);
          } while (trailer != null && !trailer.isEmpty());
          return out.toByteArray();
        }
        out.write(exactly(in, (int) n));
        line(in, budget, false);
      }
    }
    String cl = head.header("Content-Length");
    if (cl == null) {
      return new byte[0];
    }
    long n;
    try {
      n = Long.parseLong(cl.trim());
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (n < 0) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (n > MAX_BODY_BYTES) {
      throw new BadRequest(413, "request body too large");
    }
    return exactly(in, (int) n);
  }

  private static byte[] exactly(InputStream in, int n) throws IOException, BadRequest {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new BadRequest(400, "unexpected end of body");
    }
    return b;
  }

  /** A CRLF- (or LF-) terminated line as ISO-8859-1 chars; null at end of stream before any byte. */
  private static String line(InputStream in, int[] budget, boolean first)
      throws IOException, BadRequest {
    StringBuilder sb = new StringBuilder(first ? 128 : 64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (sb.length() == 0) {
          return null;
        }
        throw new BadRequest(400, "unexpected end of request");
      }
      if (--budget[0] < 0) {
        throw new BadRequest(431, "Request Header Fields Too Large");
      }
      if (b == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) b);
    }
  }

  /** Writes an answer; no body for HEAD and for 1xx/204/304. */
  static void write(
      OutputStream out,
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      boolean head,
      boolean close)
      throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    headers.forEach(
        (k, vs) -> vs.forEach(v -> sb.append(k).append(": ").append(v).append("\r\n")));
    boolean noBody = status < 200 || status == 204 || status == 304;
    if (!noBody) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    if (close) {
      sb.append("Connection: close\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!noBody && !head) {
      out.write(body);
    }
    out.flush();
  }

  /** Go's answer to a request it cannot parse: plain text, then the connection is closed. */
  static void writeBadRequest(OutputStream out, BadRequest e) throws IOException {
    byte[] body = (e.status + " " + reason(e.status)
            + (e.status == 400 ? ": " + e.getMessage() : ""))
        .getBytes(StandardCharsets.UTF_8);
    write(
        out,
        e.status,
        Map.of("Content-Type", List.of("text/plain; charset=utf-8")),
        body,
        false,
        true);
  }

  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 307 -> "Temporary Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 411 -> "Length Required";
      case 413 -> "Request Entity Too Large";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }
}
