package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class BrowserLoginTest extends HubTestSupport {
  private final List<String> printed = new ArrayList<>();
  private final List<Integer> callbackStatuses = new ArrayList<>();

  @Test
  void login_printsUrlAndWaits_thenExchangesTheCallbackCodeWithVerifier() throws Exception {
    enqueue("{\"token\":\"" + token.value() + "\",\"token_type\":\"bearer\"}");
    AuthTest.MapStore store = new AuthTest.MapStore();
    PantahubClient c = clientBuilder().tokenStore(store).build();
    int[] waits = {0};
    AccessToken got = c.auth()
        .browserLogin()
        .printer(printed::add)
        .waitInterval(Duration.ofSeconds(5))
        .sleeper(d -> {
          clock.advance(d);
          if (++waits[0] == 2) { // the user finishes in the browser during the second wait
            Map<String, String> q = authorizeQuery();
            browser(q.get("redirect_uri") + "?code=the-code&state=" + enc(q.get("state")));
          }
        })
        .login();

    assertThat(got).isEqualTo(token);
    assertThat(store.tokens.get(baseUri())).isEqualTo(token);
    assertThat(printed.stream().filter(BrowserLogin.WAITING_LINE::equals)).hasSize(2);
    assertThat(callbackStatuses).containsExactly(200);
    Map<String, String> q = authorizeQuery();
    assertThat(q.get("code_challenge_method")).isEqualTo("S256");
    assertThat(q.get("response_type")).isEqualTo("code");
    assertThat(q.get("client_id")).isEqualTo("bigger-fleet");
    assertThat(q.get("redirect_uri")).startsWith("http://127.0.0.1:").endsWith("/callback");

    RecordedRequest exchange = take();
    assertThat(exchange.getMethod() + " " + exchange.getTarget())
        .isEqualTo("POST /auth/oauth/token");
    assertThat(exchange.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode b = new ObjectMapper().readTree(body(exchange));
    assertThat(b.get("grant_type").asText()).isEqualTo("authorization_code");
    assertThat(b.get("access-code").asText()).isEqualTo("the-code");
    assertThat(b.has("code")).isFalse();
    assertThat(b.get("redirect_uri").asText()).isEqualTo(q.get("redirect_uri"));
    String challenge = Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256")
            .digest(b.get("code_verifier").asText().getBytes(StandardCharsets.US_ASCII)));
    assertThat(challenge).isEqualTo(q.get("code_challenge"));
  }

  @Test
  void login_ignoresCallbackWithWrongState() throws Exception {
    enqueue("{\"token\":\"" + token.value() + "\"}");
    int[] waits = {0};
    clientBuilder()
        .build()
        .auth()
        .browserLogin()
        .printer(printed::add)
        .sleeper(d -> {
          clock.advance(d);
          waits[0]++;
          Map<String, String> q = authorizeQuery();
          if (waits[0] == 1) {
            browser(q.get("redirect_uri") + "?code=evil&state=forged");
          } else {
            browser(q.get("redirect_uri") + "?code=good&state=" + enc(q.get("state")));
          }
        })
        .login();
    assertThat(callbackStatuses).containsExactly(400, 200);
    assertThat(body(take())).contains("\"access-code\":\"good\"");
  }

  @Test
  void login_whenBrowserNeverReturns_timesOutByTheClock() {
    assertThatThrownBy(() -> clientBuilder()
            .build()
            .auth()
            .browserLogin()
            .printer(printed::add)
            .waitInterval(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(60))
            .sleeper(clock::advance)
            .login())
        .isInstanceOf(PantahubException.class)
        .hasMessageContaining("timed out after 60 s");
    assertThat(printed.stream().filter(BrowserLogin.WAITING_LINE::equals)).hasSize(12);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void login_whenHubRejectsTheCode_throwsWithTheHubMessage() {
    enqueue(
        400,
        "{\"error\":\"REST-ERR-ID-9\",\"msg\":\"Authorization code is invalid or expired\",\"code\":400}");
    assertThatThrownBy(() -> clientBuilder()
            .build()
            .auth()
            .browserLogin()
            .printer(printed::add)
            .sleeper(d -> {
              Map<String, String> q = authorizeQuery();
              browser(q.get("redirect_uri") + "?code=stale&state=" + enc(q.get("state")));
            })
            .login())
        .isInstanceOf(PantahubException.class)
        .hasMessageContaining("Authorization code is invalid or expired");
  }

  private Map<String, String> authorizeQuery() {
    String line =
        printed.stream().filter(l -> l.startsWith(" Open: ")).findFirst().orElseThrow();
    URI url = URI.create(line.substring(" Open: ".length()));
    assertThat(url.getPath()).isEqualTo("/auth/oauth/authorize");
    Map<String, String> m = new HashMap<>();
    for (String p : url.getRawQuery().split("&")) {
      int eq = p.indexOf('=');
      m.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  /** The browser following the hub's redirect to the local callback. */
  private void browser(String url) throws InterruptedException {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      callbackStatuses.add(r.statusCode());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
