package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PKCE with the consent page (resource selector), personal access tokens and device logins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFlowsTest {
  private static final String CALLBACK = "http://127.0.0.1:9/callback";
  private SimHarness h;

  @BeforeAll
  void start() {
    h = new SimHarness(Scenario.walkthrough());
  }

  @AfterAll
  void stop() {
    h.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String challenge(String verifier) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256")
            .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Runs authorize → consent login → device selection; returns the callback URL. */
  private String consent(String verifier, String... deviceIds) throws Exception {
    Http.Reply auth = h.http.get(
        "/auth/oauth/authorize?client_id=bigger-fleet&redirect_uri=" + enc(CALLBACK)
            + "&code_challenge=" + challenge(verifier)
            + "&code_challenge_method=S256&scope=devices%20trails"
            + "&state=xyz&response_type=code",
        null);
    assertThat(auth.status()).isEqualTo(307);
    assertThat(auth.header("Set-Cookie")).contains("pkce_auth_code=");
    String consentUrl = auth.header("Location");
    Matcher m = Pattern.compile("auth_code=([0-9a-f]+)").matcher(consentUrl);
    assertThat(m.find()).isTrue();
    String code = m.group(1);
    assertThat(h.http.get(consentUrl, null).body()).contains("name=\"password\"");
    Http.Reply page = h.http.send(
        "POST",
        "/auth/sim/consent",
        null,
        "auth_code=" + code + "&username=user1&password=user1",
        "Content-Type",
        "application/x-www-form-urlencoded");
    assertThat(page.body()).contains("bathroom-wifi").contains("type=\"checkbox\"");
    StringBuilder form = new StringBuilder("auth_code=" + code);
    for (String id : deviceIds) {
      form.append("&device=").append(id);
    }
    Http.Reply done = h.http.send(
        "POST",
        "/auth/sim/consent/devices",
        null,
        form.toString(),
        "Content-Type",
        "application/x-www-form-urlencoded");
    assertThat(done.status()).isEqualTo(302);
    return done.header("Location");
  }

  private Http.Reply exchange(String code, String verifier) {
    return h.http.post(
        "/auth/oauth/token",
        null,
        "{\"grant_type\":\"authorization_code\",\"access-code\":\"" + code
            + "\",\"code_verifier\":\"" + verifier + "\",\"redirect_uri\":\"" + CALLBACK + "\"}");
  }

  @Test
  void pkce_withResourceSelection_givesATokenThatSeesOnlyTheChosenDevices() throws Exception {
    String verifier = "v".repeat(43);
    String callback = consent(verifier, h.id("bathroom-wifi"), h.id("attic-wifi"));
    assertThat(callback).startsWith(CALLBACK + "?code=").endsWith("&state=xyz");
    String code = URI.create(callback).getQuery().replaceAll(".*code=([^&]+).*", "$1");
    Http.Reply token = exchange(code, verifier);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.json().get("token_type").asText()).isEqualTo("bearer");
    String t = token.json().get("token").asText();
    List<String> nicks = new ArrayList<>();
    h.http.get("/devices/", t).json().forEach(d -> nicks.add(d.get("nick").asText()));
    assertThat(nicks).containsExactlyInAnyOrder("bathroom-wifi", "attic-wifi");
    assertThat(h.http.get("/trails/" + h.id("living-wifi") + "/steps", t).json())
        .isEmpty();
    assertThat(h.http.get("/trails/summary", t).json()).hasSize(2);
    assertThat(exchange(code, verifier).status()).as("codes are single-use").isEqualTo(400);
  }

  @Test
  void pkce_wrongVerifier_is400WithMessage() throws Exception {
    String callback = consent("w".repeat(43));
    String code = URI.create(callback).getQuery().replaceAll(".*code=([^&]+).*", "$1");
    Http.Reply r = exchange(code, "not-the-verifier-" + "x".repeat(30));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("msg").asText()).isEqualTo("Code verifier is invalid");
  }

  @Test
  void pkce_authorizeWithoutChallenge_is400_andNonLocalCallbackIsRefused() {
    assertThat(h.http
            .get("/auth/oauth/authorize?client_id=a&redirect_uri=" + enc(CALLBACK), null)
            .status())
        .isEqualTo(400);
    assertThat(h.http
            .get(
                "/auth/oauth/authorize?client_id=a&redirect_uri=" + enc("https://evil.example/cb")
                    + "&code_challenge=abc&code_challenge_method=S256",
                null)
            .status())
        .isEqualTo(400);
  }

  @Test
  void personalAccessToken_logsInAsSession_unlessItsSecretHasUrlSafeCharacters() {
    JsonNode created = h.http
        .post(
            "/tokens/",
            h.token(),
            "{\"name\":\"ci\",\"scopes\":[\"prn:pantahub.com:apis:/base/devices.readonly\"]}")
        .json();
    assertThat(created.get("prn").asText()).startsWith("prn:::auth-tokens:/");
    String secret = created.get("secret").asText();
    Http.Reply login =
        h.http.post("/auth/login", null, "{\"username\":\"ci\",\"password\":\"" + secret + "\"}");
    if (secret.contains("-") || secret.contains("_")) {
      assertThat(login.status())
          .as("documented quirk: standard-base64 decoding")
          .isEqualTo(401);
      return;
    }
    assertThat(login.status()).isEqualTo(200);
    JsonNode claims = Http.claims(login.json().get("token").asText());
    assertThat(claims.get("type").asText()).isEqualTo("SESSION");
    assertThat(claims.get("exp").asLong() - claims.get("orig_iat").asLong()).isEqualTo(300);
    assertThat(h.http.get("/tokens/", h.token()).json().get("total").asInt())
        .isGreaterThanOrEqualTo(1);
    assertThat(h.http.get("/tokens/", h.token()).json().get("items").get(0).has("secret"))
        .isFalse();
  }

  @Test
  void deviceLogin_getsDeviceClaims_andSeesOnlyItself() {
    SimDevice d = h.sim.device("shower-wifi").orElseThrow();
    Http.Reply r = h.http.post(
        "/auth/login",
        null,
        "{\"username\":\"" + d.prn() + "\",\"password\":\"" + d.secret() + "\"}");
    assertThat(r.status()).isEqualTo(200);
    String t = r.json().get("token").asText();
    JsonNode claims = Http.claims(t);
    assertThat(claims.get("type").asText()).isEqualTo("DEVICE");
    assertThat(claims.get("owner").asText()).isEqualTo(h.sim.user("user1").prn());
    JsonNode list = h.http.get("/devices/", t).json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("nick").asText()).isEqualTo("shower-wifi");
    assertThat(h.http.get("/trails/summary", t).status()).isEqualTo(403);
    assertThat(h.http.put("/trails/" + d.id() + "/steps/0/cancel", t, null).status())
        .isEqualTo(403);
  }

  @Test
  void deviceMetaPatch_byTheDevice_mergesAndDeletesNullKeys() {
    SimDevice d = h.sim.device("living-wifi").orElseThrow();
    String t = h.http
        .post(
            "/auth/login",
            null,
            "{\"username\":\"" + d.prn() + "\",\"password\":\"" + d.secret() + "\"}")
        .json()
        .get("token")
        .asText();
    Http.Reply r =
        h.http.patch("/devices/" + d.id() + "/device-meta", t, "{\"sim.test\":\"1\",\"Mem\":null}");
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
    assertThat(h.sim.device("living-wifi").orElseThrow().deviceMeta())
        .containsEntry("sim.test", "1")
        .doesNotContainKey("Mem");
    assertThat(h.http
            .patch("/devices/" + d.id() + "/device-meta", h.token(), "{\"x\":\"1\"}")
            .status())
        .as("users cannot write device-meta")
        .isEqualTo(403);
  }

  @Test
  void thirdPartyApp_codeExchange_givesATokenActingAsTheUserWithOnlyGrantedScopes() {
    JsonNode app = h.http
        .post(
            "/apps/",
            h.token(),
            "{\"type\":\"confidential\",\"name\":\"Bigger Fleet\","
                + "\"redirect_uris\":[\"https://fleet.example/cb\"],\"scopes\":[{\"id\":\"devices.readonly\","
                + "\"service\":\"prn:pantahub.com:apis:/base\"},{\"id\":\"trails\",\"service\":\"prn:pantahub.com:apis:/base\"}]}")
        .json();
    assertThat(app.get("prn").asText()).isEqualTo("prn:pantahub.com:apis:/bigger-fleet");
    Http.Reply code = h.http.post(
        "/auth/code",
        h.token(),
        "{\"service\":\"" + app.get("prn").asText()
            + "\",\"scopes\":\"prn:pantahub.com:apis:/base/devices.readonly\",\"redirect_uri\":"
            + "\"https://fleet.example/cb\",\"state\":\"s1\",\"response_type\":\"code\"}");
    assertThat(code.status()).as(code.body()).isEqualTo(200);
    assertThat(code.json().get("redirect_uri").asText())
        .startsWith("https://fleet.example/cb?code=")
        .endsWith("&state=s1");
    Http.Reply tooMuch = h.http.post(
        "/auth/code",
        h.token(),
        "{\"service\":\"" + app.get("prn").asText()
            + "\",\"scopes\":\"prn:pantahub.com:apis:/base/objects\",\"redirect_uri\":\"https://fleet.example/cb\"}");
    assertThat(tooMuch.status()).isEqualTo(400);
    String appToken = h.http
        .post(
            "/auth/login",
            null,
            "{\"username\":\"" + app.get("prn").asText() + "\",\"password\":\""
                + app.get("secret").asText() + "\"}")
        .json()
        .get("token")
        .asText();
    assertThat(Http.claims(appToken).get("type").asText()).isEqualTo("SERVICE");
    Http.Reply exchanged = h.http.post(
        "/auth/token", appToken, "{\"access-code\":\"" + code.json().get("code").asText() + "\"}");
    assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
    String asUser = exchanged.json().get("token").asText();
    JsonNode claims = Http.claims(asUser);
    assertThat(claims.get("prn").asText()).isEqualTo(h.sim.user("user1").prn());
    assertThat(claims.get("aud").asText()).isEqualTo(app.get("prn").asText());
    assertThat(claims.has("exp")).isFalse();
    assertThat(h.http.get("/devices/", asUser).json().size())
        .isEqualTo(h.http.get("/devices/", h.token()).json().size())
        .isGreaterThanOrEqualTo(11);
    assertThat(h.http.get("/trails/", asUser).status()).isEqualTo(403);
    assertThat(h.http.post("/auth/token", h.token(), "{\"access-code\":\"x\"}").status())
        .as("only the app itself may exchange")
        .isEqualTo(403);
  }

  @Test
  void selfRegisteredDevice_isClaimedWithItsChallenge_andThenListedForTheUser() {
    Http.Reply reg = h.http.post("/devices/", null, "{}");
    assertThat(reg.status()).as(reg.body()).isEqualTo(200);
    JsonNode device = reg.json();
    assertThat(device.get("owner").asText()).isEmpty();
    assertThat(device.get("nick").asText()).startsWith("__unregistered__");
    String challenge = device.get("challenge").asText();
    assertThat(challenge).matches("[a-z]+-[a-z]+-[a-z]+");
    String id = device.get("id").asText();
    assertThat(h.http
            .put("/devices/" + id + "?challenge=wrong-guess-here", h.token(), "")
            .status())
        .isEqualTo(403);
    Http.Reply claimed = h.http.put("/devices/" + id + "?challenge=" + challenge, h.token(), "");
    assertThat(claimed.status()).isEqualTo(200);
    assertThat(claimed.json().get("owner").asText())
        .isEqualTo(h.sim.user("user1").prn());
    assertThat(claimed.json().get("nick").asText()).doesNotStartWith("__unregistered__");
    assertThat(claimed.json().has("challenge")).isFalse();
    assertThat(h.http.get("/devices/" + id, h.token()).status()).isEqualTo(200);
    assertThat(h.http
            .put("/devices/" + id + "?challenge=" + challenge, h.token(), "")
            .status())
        .as("a claimed device has no challenge left")
        .isEqualTo(403);
  }
}
