package io.biggerfleet.bench.sim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 keep-alive client for load generation (one per thread): far cheaper per
 * request than java.net.http, so the CPU measured is mostly the server's. Handles Content-Length bodies
 * only (all the simulator sends). Not thread-safe.
 */
final class KeepAliveClient implements AutoCloseable {
  /** Status and body of one answer. */
  record Answer(int status, String body) {}

  private final URI base;
  private final String auth;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  KeepAliveClient(URI base, String token) {
    this.base = base;
    this.auth = "Authorization: Bearer " + token + "\r\n";
  }

  Answer get(String path) throws IOException {
    return send("GET", path, null);
  }

  Answer send(String method, String path, String body) throws IOException {
    if (socket == null) {
      socket = new Socket(base.getHost(), base.getPort());
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 65536);
    }
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sim-bench\r\n"
        + auth + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: "
        + b.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + b.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(b, 0, all, h.length, b.length);
    out.write(all);
    out.flush();
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    int length = 0;
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(l.substring(colon + 1).trim());
      }
    }
    byte[] data = in.readNBytes(length);
    return new Answer(code, new String(data, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    if (c == -1) {
      throw new IOException("connection closed");
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }
}
