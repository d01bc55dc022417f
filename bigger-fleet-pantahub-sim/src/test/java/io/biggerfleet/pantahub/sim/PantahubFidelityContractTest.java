package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * More contract checks: one per deviation an independent probe found between the simulator and the
 * real hub (raw query characters, PKCE cookies, 400 bodies, the nick prefix regex, unimplemented
 * endpoints, millisecond times). Like the rest of the suite they hold on the simulator and on a real
 * hub; where the simulator documents that it does not implement an endpoint, the check says what each
 * side answers.
 */
abstract class PantahubFidelityContractTest extends PantahubContractTest {

  @Test
  void rawQuery_withCaretBracesQuotesPipeAndBackslash_isAcceptedUnencoded_likeGoNetHttp() {
    String nick = device().get("nick").asText();
    String auth = "Authorization: Bearer " + userToken();
    Http.RawReply prefix = http()
        .raw(
            "GET",
            "/devices/?nick=^" + nick.substring(0, 3).toUpperCase(),
            "",
            auth,
            "User-Agent: bigger-fleet-sim-contract/1.0");
    assertThat(prefix.status()).as(prefix.head()).isEqualTo(200);
    assertThat(ids(prefix.json())).contains(target().deviceId());

    Http.RawReply all =
        http().raw("GET", trail() + "/steps?progress.status={\"$exists\":true}", "", auth);
    assertThat(all.status()).as(all.head()).isEqualTo(200);
    assertThat(all.json().get(0).get("rev").asInt()).isZero();

    Http.RawReply odd = http().raw("GET", "/devices/?nick=no|such\"nick\\x", "", auth);
    assertThat(odd.status()).as(odd.head()).isEqualTo(200);
    assertThat(odd.json().isArray()).isTrue();
    assertThat(odd.json().size()).isZero();
  }

  @Test
  void pkceAuthorize_setsAuthCodeAndRedirectUriCookies_andRedirects307() {
    String callback = "http://localhost:45123/callback";
    Http.Reply r = http()
        .get(
            "/auth/oauth/authorize?client_id=bigger-fleet-contract&redirect_uri=" + enc(callback)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=all"
                + "&state=contract&response_type=code",
            null);
    assertThat(r.status()).isEqualTo(307);
    List<String> cookies = r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("pkce_"))
        .toList();
    assertThat(cookies).hasSize(2);
    assertThat(cookies).anySatisfy(c -> assertThat(c).matches("pkce_auth_code=[^;]+;.*"));
    assertThat(cookies)
        .anySatisfy(c -> assertThat(c).startsWith("pkce_redirect_uri=" + callback + ";"));
    assertThat(cookies).allSatisfy(c -> assertThat(c).contains("Path=/").contains("HttpOnly"));
  }

  @Test
  void progress_putOnAMissingStep_is400WithOnlyErrorAndCode() {
    Http.Reply r =
        http().put(trail() + "/steps/99999/progress", deviceToken(), "{\"status\":\"DONE\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(fieldNames(r.json())).containsExactlyInAnyOrder("error", "code");
    assertThat(r.json().get("code").asInt()).isEqualTo(400);
  }

  @Test
  void registerDevice_withInvalidNick_is400WithOnlyErrorAndCode() {
    assumeTrue(target().writes(), "needs writes (a valid nick would register a device)");
    Http.Reply r = http().post("/devices/", userToken(), "{\"nick\":\"not a valid nick!\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(fieldNames(r.json())).containsExactlyInAnyOrder("error", "code");
  }

  @Test
  void devicesList_nickPrefix_isAnUnescapedCaseInsensitiveRegex() {
    String nick = device().get("nick").asText();
    String dotted = "^" + nick.charAt(0) + "." + nick.substring(2, 4).toUpperCase();
    assertThat(ids(http().get("/devices/?nick=" + enc(dotted), userToken()).json()))
        .contains(target().deviceId());
    String literal = "^" + nick.charAt(0) + "\\." + nick.substring(2, 4);
    assertThat(ids(http().get("/devices/?nick=" + enc(literal), userToken()).json()))
        .as("a quoted dot matches only a dot")
        .doesNotContain(target().deviceId());
    Http.Reply bad = http().get("/devices/?nick=" + enc("^(unclosed"), userToken());
    assertThat(bad.status()).as("a pattern Mongo refuses fails the query").isEqualTo(403);
    assertThat(fieldNames(bad.json())).containsExactlyInAnyOrder("error", "code");
  }

  @Test
  void appsScopes_isPublic_simulatorAnswersTheRoutersNotFound() {
    Http.Reply r = http().get("/apps/scopes", null);
    if (target().simulated()) {
      assertRouterNotFound(r);
    } else {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().isArray()).isTrue();
    }
  }

  @Test
  void putDevice_withoutChallenge_isAFullUpdate_simulatorAnswersTheRoutersNotFound() {
    Http.Reply r = http().put("/devices/" + target().deviceId(), userToken(), "{}");
    if (target().simulated()) {
      assertRouterNotFound(r);
    } else {
      assertThat(r.status()).as("id, prn, owner missing from the update").isEqualTo(403);
    }
  }

  @Test
  void putAndDeleteObject_simulatorAnswersTheRoutersNotFound() {
    assumeTrue(target().simulated() || target().writes(), "needs writes on a real hub");
    String unknown = "/objects/" + "ef".repeat(32);
    Http.Reply put = http().put(unknown, userToken(), "{}");
    Http.Reply delete = http().send("DELETE", unknown, userToken(), null);
    if (target().simulated()) {
      assertRouterNotFound(put);
      assertRouterNotFound(delete);
    } else {
      assertThat(isRouterNotFound(put)).as("PUT /objects/{sha} is routed").isFalse();
      assertThat(isRouterNotFound(delete)).as("DELETE /objects/{sha} is routed").isFalse();
    }
  }

  @Test
  void changes_times_haveAtMostMillisecondPrecision() {
    JsonNode data = http()
        .get("/changes/steps?page[size]=50&page[after]=1970-01-01T00:00:00Z", userToken())
        .json()
        .get("data");
    assertThat(data.size()).isPositive();
    data.forEach(s -> {
      assertThat(s.get("time-modified").asText()).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
      assertThat(s.get("step-time").asText()).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
    });
  }

  private static boolean isRouterNotFound(Http.Reply r) {
    return r.status() == 404
        && r.body().contains("\"Error\"")
        && r.body().contains("Resource not found");
  }

  private static void assertRouterNotFound(Http.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(404);
    assertThat(r.json().get("Error").asText()).isEqualTo("Resource not found");
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
