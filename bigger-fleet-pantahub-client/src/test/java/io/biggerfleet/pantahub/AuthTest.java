package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class AuthTest extends HubTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A token store in memory. */
  static final class MapStore implements TokenStore {
    final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<AccessToken> load(String hub) {
      return Optional.ofNullable(tokens.get(hub));
    }

    @Override
    public void save(String hub, AccessToken t) {
      tokens.put(hub, t);
    }

    @Override
    public void remove(String hub) {
      tokens.remove(hub);
    }
  }

  @Test
  void passwordLogin_postsCredentialsWithUserAgentAndJsonType_thenUsesTheToken() throws Exception {
    enqueue("{\n  \"token\": \"" + token.value() + "\"\n}");
    enqueue("[]");
    PantahubClient c = clientBuilder()
        .login("alice", "correct horse".toCharArray())
        .scope("devices trails")
        .build();
    c.devices().list(DeviceFilter.all());

    RecordedRequest login = take();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getTarget()).isEqualTo("/auth/login");
    assertThat(login.getHeaders().get("User-Agent")).isEqualTo("fleet-test/1.0");
    assertThat(login.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(login.getHeaders().get("Authorization")).isNull();
    assertThat(JSON.readTree(body(login)))
        .isEqualTo(
            JSON.readTree(
                "{\"username\":\"alice\",\"password\":\"correct horse\",\"scope\":\"devices trails\"}"));
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
  }

  @Test
  void passwordLogin_withBadCredentials_throwsUnauthorizedWithoutThePassword() {
    enqueue(401, q("{'error':'REST-ERR-ID-8','code':401}"));
    PantahubClient c = clientBuilder().login("alice", "s3cret-pw".toCharArray()).build();
    assertThatThrownBy(() -> c.devices().list(DeviceFilter.all()))
        .isInstanceOf(PantahubUnauthorizedException.class)
        .hasMessageContaining("POST /auth/login")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(server.getRequestCount()).as("no replay loop on login failure").isEqualTo(1);
  }

  @Test
  void token_isRefreshedShortlyBeforeExp_withGetAuthLogin() throws Exception {
    AccessToken fresh = jwt(clock.instant().plus(Duration.ofHours(2)), "user-token-2");
    enqueue("[]");
    enqueue("{\"token\":\"" + fresh.value() + "\"}");
    enqueue("[]");
    MapStore store = new MapStore();
    PantahubClient c = clientBuilder().token(token).tokenStore(store).build();
    c.devices().list(DeviceFilter.all());
    clock.advance(Duration.ofMinutes(59));
    c.devices().list(DeviceFilter.all());

    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    RecordedRequest refresh = take();
    assertThat(refresh.getMethod() + " " + refresh.getTarget()).isEqualTo("GET /auth/login");
    assertThat(refresh.getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + fresh.value());
    assertThat(store.tokens.get(baseUri())).isEqualTo(fresh);
  }

  @Test
  void expiredToken_withCredentials_logsInAgainInsteadOfRefreshing() throws Exception {
    AccessToken fresh = jwt(clock.instant().plus(Duration.ofHours(3)), "user-token-3");
    enqueue("{\"token\":\"" + token.value() + "\"}");
    enqueue("[]");
    enqueue("{\"token\":\"" + fresh.value() + "\"}");
    enqueue("[]");
    PantahubClient c = clientBuilder().login("alice", "pw".toCharArray()).build();
    c.devices().list(DeviceFilter.all());
    clock.advance(Duration.ofHours(2));
    c.devices().list(DeviceFilter.all());
    assertThat(take().getTarget()).isEqualTo("/auth/login");
    take();
    RecordedRequest relogin = take();
    assertThat(relogin.getMethod() + " " + relogin.getTarget()).isEqualTo("POST /auth/login");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + fresh.value());
  }

  @Test
  void expiredToken_withoutCredentials_failsWithClearUnauthorized() {
    PantahubClient c =
        clientBuilder().token(jwt(clock.instant().minusSeconds(5), "old")).build();
    assertThatThrownBy(() -> c.devices().list(DeviceFilter.all()))
        .isInstanceOf(PantahubUnauthorizedException.class)
        .hasMessageContaining("expired")
        .hasMessageContaining("log in again");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void storedToken_isUsedWithoutLogin() throws Exception {
    MapStore store = new MapStore();
    store.save(baseUri(), token);
    enqueue("[]");
    clientBuilder().tokenStore(store).build().devices().list(DeviceFilter.all());
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
  }

  @Test
  void status_parsesClaims() throws Exception {
    enqueue(
        q(
            "{'exp':1714653600,'id':'alice','nick':'alice','orig_iat':1714650000,"
                + "'prn':'prn:::accounts:/5f1a9c3e8b2d4a0012345678','roles':'user',"
                + "'scopes':'prn:pantahub.com:apis:/base/devices prn:pantahub.com:apis:/base/trails','type':'USER'}"));
    AuthStatus s = client().auth().status();
    assertThat(s.prn()).isEqualTo("prn:::accounts:/5f1a9c3e8b2d4a0012345678");
    assertThat(s.nick()).isEqualTo("alice");
    assertThat(s.type()).isEqualTo("USER");
    assertThat(s.scopes())
        .containsExactly(
            "prn:pantahub.com:apis:/base/devices", "prn:pantahub.com:apis:/base/trails");
    assertThat(s.expiresAt()).contains(Instant.ofEpochSecond(1714653600));
    assertThat(take().getTarget()).isEqualTo("/auth/auth_status");
  }

  @Test
  void authorizeApp_postsAuthCodeWithFullScopes() throws Exception {
    enqueue(
        q("{'code':'eyJcode','scopes':'x','redirect_uri':'https://app/cb?code=eyJcode&state=s1'}"));
    AuthorizationCode code = client()
        .auth()
        .authorizeApp(
            "prn:pantahub.com:apis:/bigger-fleet",
            List.of("devices.readonly", "trails"),
            URI.create("https://app/cb"),
            "s1");
    assertThat(code.code()).isEqualTo("eyJcode");
    assertThat(code.toString()).doesNotContain("eyJcode");
    RecordedRequest r = take();
    assertThat(r.getTarget()).isEqualTo("/auth/code");
    JsonNode b = JSON.readTree(body(r));
    assertThat(b.get("service").asText()).isEqualTo("prn:pantahub.com:apis:/bigger-fleet");
    assertThat(b.get("scopes").asText())
        .isEqualTo(
            "prn:pantahub.com:apis:/base/devices.readonly prn:pantahub.com:apis:/base/trails");
    assertThat(b.get("redirect_uri").asText()).isEqualTo("https://app/cb");
    assertThat(b.get("response_type").asText()).isEqualTo("code");
  }

  @Test
  void exchangeAppCode_postsAccessCodeField() throws Exception {
    AccessToken delegated = AccessToken.of("opaque-delegated-token");
    enqueue("{\"token\":\"opaque-delegated-token\",\"token_type\":\"bearer\",\"scopes\":\"x\"}");
    assertThat(client().auth().exchangeAppCode("eyJcode", "bigger fleet")).isEqualTo(delegated);
    RecordedRequest r = take();
    assertThat(r.getTarget()).isEqualTo("/auth/token");
    assertThat(JSON.readTree(body(r)))
        .isEqualTo(JSON.readTree("{\"access-code\":\"eyJcode\",\"comment\":\"bigger fleet\"}"));
    assertThat(delegated.expiresAt()).as("delegated tokens do not expire").isEmpty();
  }

  @Test
  void createPersonalToken_sendsFullScopePrns_andHidesSecret() throws Exception {
    enqueue(
        q("{'id':'66aa','name':'ci','type':'SESSION','prn':'prn:::auth-tokens:/66aa','owner':'o',"
            + "'secret':'Zm9vOmJhcg','scopes':['prn:pantahub.com:apis:/base/devices'],"
            + "'expire-at':'2025-05-06T17:00:00Z','deleted':false}"));
    PersonalAccessToken t = client().auth().createPersonalToken("ci", List.of("devices"), null);
    assertThat(new String(t.secret())).isEqualTo("Zm9vOmJhcg");
    assertThat(t.toString()).doesNotContain("Zm9vOmJhcg");
    assertThat(t.expiresAt()).contains(Instant.parse("2025-05-06T17:00:00Z"));
    RecordedRequest r = take();
    assertThat(r.getTarget()).isEqualTo("/tokens/");
    assertThat(JSON.readTree(body(r)).get("scopes").get(0).asText())
        .isEqualTo("prn:pantahub.com:apis:/base/devices");
  }

  @Test
  void accessToken_readsExpFromJwt_andOpaqueTokensNeverExpire() {
    assertThat(token.expiresAt()).contains(Instant.parse("2024-05-06T18:00:00Z"));
    assertThat(AccessToken.of("not-a-jwt").expiresAt()).isEmpty();
    assertThatThrownBy(() -> AccessToken.of("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("has space");
  }

  @Test
  void tokenNearExpiry_whenRefreshIsRefused_isStillUsedUntilItExpires() throws Exception {
    enqueue(401, q("{'Error':'Not Authorized'}"));
    enqueue("[]");
    enqueue("[]");
    PantahubClient c = clientBuilder().token(token).build();
    clock.advance(Duration.ofMinutes(59));
    assertThat(c.devices().list(DeviceFilter.all())).isEmpty();
    assertThat(c.devices().list(DeviceFilter.all())).isEmpty();
    assertThat(take().getTarget()).isEqualTo("/auth/login");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    assertThat(take().getTarget()).as("no second refresh attempt").isEqualTo("/devices/");
  }

  @Test
  void currentTokenValidFor_refreshesOnlyWhenTheTokenExpiresWithinAhead_andStoresTheNewToken()
      throws Exception {
    AccessToken fresh = jwt(clock.instant().plus(Duration.ofHours(2)), "user-token-2");
    enqueue("{\"token\":\"" + fresh.value() + "\"}");
    MapStore store = new MapStore();
    PantahubClient c = clientBuilder().token(token).tokenStore(store).build();
    clock.advance(Duration.ofMinutes(50));

    assertThat(c.auth().currentToken(Duration.ofMinutes(5))).isEqualTo(token);
    assertThat(server.getRequestCount()).as("10 minutes left: no call").isZero();

    clock.advance(Duration.ofMinutes(6));
    assertThat(c.auth().currentToken(Duration.ofMinutes(5))).isEqualTo(fresh);

    RecordedRequest refresh = take();
    assertThat(refresh.getMethod() + " " + refresh.getTarget()).isEqualTo("GET /auth/login");
    assertThat(store.tokens.get(baseUri())).isEqualTo(fresh);
  }
}
