package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's HTTP/1.1 server reads request targets like Go's net/http, over a raw socket. */
class RequestParsingTest {
  private SimHarness h;

  @BeforeEach
  void start() {
    h = new SimHarness(Scenario.walkthrough());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String auth() {
    return "Authorization: Bearer " + h.token();
  }

  @Test
  void queryPairWithABadEscape_isDropped_likeUrlParseQuery() {
    Http.RawReply r = h.http.raw("GET", "/devices/?nick=%zz", "", auth());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().size()).as("no filter left: every device").isEqualTo(11);
    Http.RawReply semicolon = h.http.raw("GET", "/devices/?nick;x=1", "", auth());
    assertThat(semicolon.json().size()).isEqualTo(11);
  }

  @Test
  void plusInAQueryValue_isASpace_andPercentEscapesAreDecoded() {
    Http.RawReply plus =
        h.http.raw("GET", "/devices/?device-meta.Country=United+Kingdom", "", auth());
    assertThat(plus.status()).isEqualTo(200);
    assertThat(ids(plus)).containsExactly(h.id("gardenpool-wifi"));
    Http.RawReply escaped =
        h.http.raw("GET", "/devices/?device-meta.Country=United%20Kingdom", "", auth());
    assertThat(ids(escaped)).containsExactly(h.id("gardenpool-wifi"));
  }

  private static java.util.List<String> ids(Http.RawReply r) {
    java.util.List<String> out = new java.util.ArrayList<>();
    r.json().forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  @Test
  void badEscapeInThePath_orAControlCharacter_is400PlainText_likeGo() {
    Http.RawReply path = h.http.raw("GET", "/devices/%zz", "", auth());
    assertThat(path.status()).isEqualTo(400);
    assertThat(path.head()).containsIgnoringCase("content-type: text/plain");
    assertThat(path.body()).startsWith("400 Bad Request");
    assertThat(h.http.raw("GET", "/devices/?nick=a\u0001b", "", auth()).status())
        .isEqualTo(400);
    assertThat(h.http.raw("GET", "/devices/", "", auth(), "NoColonHere").status())
        .isEqualTo(400);
  }

  @Test
  void keepAlive_chunkedBody_andExpectContinue_work() throws Exception {
    String login = "{\"username\":\"user1\",\"password\":\"user1\"}";
    String chunked = Integer.toHexString(login.length()) + "\r\n" + login + "\r\n0\r\n\r\n";
    String req =
        "POST /auth/login HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n" + chunked
            + "GET /auth/auth_status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    AtomicReference<String> all = new AtomicReference<>();
    try (Socket s = new Socket(h.sim.baseUri().getHost(), h.sim.baseUri().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(req.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      all.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(all.get()).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK");
    assertThat(all.get()).contains("\"token\"").contains("HTTP/1.1 401 Unauthorized");
  }
}
