package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The documented facts of {@code pantahub-api.md}, checked over HTTP. Runs against the simulator
 * ({@link SimPantahubContractTest}) and, when configured, against a real hub
 * ({@link RealPantahubContractTest}); checks that change data run only when the target allows writes,
 * device-token checks only when a device secret is known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PantahubContractTest {
  /** Where and as whom the checks run. */
  record Target(
      URI base,
      String username,
      String password,
      String deviceId,
      String deviceSecret,
      boolean writes,
      boolean simulated) {
    @Override
    public String toString() {
      return "Target[" + base + " as " + username + "]";
    }
  }

  protected abstract Target target();

  private Http http;
  private String token;

  protected Http http() {
    if (http == null) {
      http = new Http(target().base());
    }
    return http;
  }

  protected String userToken() {
    if (token == null) {
      token = login(target().username(), target().password(), null);
    }
    return token;
  }

  protected String login(String user, String password, String scope) {
    String body = "{\"username\":" + Http.quote(user) + ",\"password\":" + Http.quote(password)
        + (scope == null ? "" : ",\"scope\":" + Http.quote(scope)) + "}";
    Http.Reply r = http().post("/auth/login", null, body);
    assertThat(r.status()).as("login of %s: %s", user, r.body()).isEqualTo(200);
    return r.json().get("token").asText();
  }

  protected String deviceToken() {
    assumeTrue(target().deviceSecret() != null, "needs a device secret");
    return login("prn:::devices:/" + target().deviceId(), target().deviceSecret(), null);
  }

  protected String trail() {
    return "/trails/" + target().deviceId();
  }

  protected static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private JsonNode allSteps() {
    Http.Reply r =
        http().get(trail() + "/steps?progress.status=" + enc("{\"$exists\":true}"), userToken());
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private JsonNode latestState() {
    JsonNode steps = allSteps();
    int rev = steps.get(steps.size() - 1).get("rev").asInt();
    return http().get(trail() + "/steps/" + rev + "/state", userToken()).json();
  }

  private Http.Reply postStep(String revJson, JsonNode state, String msg) {
    String body = "{" + (revJson == null ? "" : "\"rev\":" + revJson + ",") + "\"commit-msg\":"
        + Http.quote(msg) + ",\"state\":" + state + "}";
    return http().post(trail() + "/steps", userToken(), body);
  }

  // ---- §0 conventions and §4 auth ----

  @Test
  void login_returnsJwtWithTheRealClaimSet() {
    JsonNode claims = Http.claims(userToken());
    assertThat(claims.has("exp")).isTrue();
    assertThat(claims.has("orig_iat")).isTrue();
    assertThat(claims.get("type").asText()).isEqualTo("USER");
    assertThat(claims.get("prn").asText()).startsWith("prn:");
    assertThat(claims.get("scopes").asText()).contains("prn:pantahub.com:apis:/base/");
    assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("orig_iat").asLong());
  }

  @Test
  void authStatus_returnsTheTokensClaims() {
    Http.Reply r = http().get("/auth/auth_status", userToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("prn").asText())
        .isEqualTo(Http.claims(userToken()).get("prn").asText());
    assertThat(r.json().get("type").asText()).isEqualTo("USER");
  }

  @Test
  void refresh_getLogin_returnsNewTokenWithSameOrigIat() {
    Http.Reply r = http().get("/auth/login", userToken());
    assertThat(r.status()).isEqualTo(200);
    JsonNode fresh = Http.claims(r.json().get("token").asText());
    assertThat(fresh.get("orig_iat").asLong())
        .isEqualTo(Http.claims(userToken()).get("orig_iat").asLong());
    assertThat(fresh.get("prn").asText())
        .isEqualTo(Http.claims(userToken()).get("prn").asText());
  }

  @Test
  void login_withoutUserAgent_is403() {
    String body = "{\"username\":" + Http.quote(target().username()) + ",\"password\":"
        + Http.quote(target().password()) + "}";
    assertThat(http().rawStatus("POST", "/auth/login", body, "Content-Type: application/json"))
        .isEqualTo(403);
  }

  @Test
  void login_withWrongPassword_is401WithRestErrorBody() {
    Http.Reply r = http()
        .post(
            "/auth/login",
            null,
            "{\"username\":" + Http.quote(target().username())
                + ",\"password\":\"wrong-password-x\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).matches("REST-ERR-ID-\\d+");
    assertThat(r.json().get("code").asInt()).isEqualTo(401);
  }

  @Test
  void login_withBodyButNoJsonContentType_is415() {
    Http.Reply r = http()
        .send(
            "POST",
            "/auth/login",
            null,
            "{\"username\":\"x\",\"password\":\"y\"}",
            "Content-Type",
            "text/plain");
    assertThat(r.status()).isEqualTo(415);
  }

  @Test
  void requestWithoutToken_is401WithNotAuthorizedAndAuthEndpoint() {
    Http.Reply r = http().get("/devices/", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("Error").asText()).isEqualTo("Not Authorized");
    assertThat(r.header("WWW-Authenticate"))
        .startsWith("JWT realm=\"pantahub services\"")
        .contains("ph-aeps=");
  }

  @Test
  void requestWithGarbageToken_is401() {
    assertThat(http().get("/devices/", "not.a.jwt").status()).isEqualTo(401);
  }

  @Test
  void collectionRootWithoutTrailingSlash_is301ToSlashedUrl() {
    Http.Reply r = http().get("/devices", userToken());
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).endsWith("/devices/");
  }

  @Test
  void tokenWithReadonlyScope_cannotReachTrails_403InsufficientScope() {
    String ro = login(target().username(), target().password(), "devices.readonly");
    assertThat(http().get("/devices/", ro).status()).isEqualTo(200);
    Http.Reply r = http().get("/trails/", ro);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("WWW-Authenticate")).contains("insufficient_scope");
  }

  // ---- §3 devices ----

  @Test
  void devicesList_isBareArrayOfOwnedDevicesWithSecretsAndMeta() {
    Http.Reply r = http().get("/devices/", userToken());
    assertThat(r.status()).isEqualTo(200);
    JsonNode list = r.json();
    assertThat(list.isArray()).isTrue();
    JsonNode d = find(list, target().deviceId());
    assertThat(d.get("prn").asText()).isEqualTo("prn:::devices:/" + target().deviceId());
    assertThat(d.get("owner").asText())
        .isEqualTo(Http.claims(userToken()).get("prn").asText());
    assertThat(d.has("secret")).isTrue();
    assertThat(d.get("user-meta").isObject()).isTrue();
    assertThat(d.get("device-meta").isObject()).isTrue();
    assertThat(d.get("id").asText()).matches("[0-9a-f]{24}");
  }

  @Test
  void devicesList_unknownQueryParameter_filtersEverythingOut() {
    Http.Reply r = http().get("/devices/?page=1", userToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().size()).isZero();
  }

  @Test
  void devicesList_nickPrefixAndNegation_filter() {
    String nick = device().get("nick").asText();
    JsonNode prefix = http()
        .get("/devices/?nick=" + enc("^" + nick.substring(0, 3).toUpperCase()), userToken())
        .json();
    assertThat(ids(prefix)).contains(target().deviceId());
    JsonNode not = http().get("/devices/?nick=" + enc("!" + nick), userToken()).json();
    assertThat(ids(not)).doesNotContain(target().deviceId());
    JsonNode exact = http().get("/devices/?nick=" + enc(nick), userToken()).json();
    assertThat(ids(exact)).containsExactly(target().deviceId());
  }

  @Test
  void deviceGet_byIdOrNick_hasOwnerNickAndNoSecret() {
    Http.Reply byId = http().get("/devices/" + target().deviceId(), userToken());
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.json().has("secret")).isFalse();
    assertThat(byId.json().has("owner-nick")).isTrue();
    Http.Reply byNick = http().get("/devices/" + device().get("nick").asText(), userToken());
    assertThat(byNick.json().get("id").asText()).isEqualTo(target().deviceId());
  }

  @Test
  void deviceGet_unknownHexId_is404() {
    assertThat(http().get("/devices/000000000000000000000000", userToken()).status())
        .isEqualTo(404);
  }

  @Test
  void userMeta_dottedKeys_areStoredWithFullwidthN_andFilteredInStoredForm() {
    assumeTrue(target().writes(), "needs writes");
    Http.Reply patched = http()
        .patch(
            "/devices/" + target().deviceId() + "/user-meta",
            userToken(),
            "{\"bf.contract\":\"yes\"}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("bf.contract").asText()).isEqualTo("yes");
    assertThat(device().get("user-meta").get("bf.contract").asText()).isEqualTo("yes");
    JsonNode stored = http()
        .get("/devices/?user-meta." + enc("bf\uFF2Econtract") + "=yes", userToken())
        .json();
    assertThat(ids(stored)).containsExactly(target().deviceId());
    JsonNode dotted =
        http().get("/devices/?user-meta.bf.contract=yes", userToken()).json();
    assertThat(ids(dotted)).isEmpty();
  }

  // ---- §1 trails and steps ----

  @Test
  void trailsResponses_areCanonicalJsonWithFormatHeader() {
    Http.Reply r = http().get(trail(), userToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("PhJsonFormat")).isEqualTo("gibson042-canonicaljson");
    assertThat(r.body()).doesNotContain(": ").doesNotContain("\n");
    List<String> keys = new ArrayList<>();
    r.json().fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isSorted();
    assertThat(r.json().get("id").asText()).isEqualTo(target().deviceId());
  }

  @Test
  void stepsList_defaultForUser_excludesDone_andStatusOverrideSelects() {
    JsonNode dflt = http().get(trail() + "/steps", userToken()).json();
    dflt.forEach(s -> assertThat(s.get("progress").get("status").asText()).isNotEqualTo("DONE"));
    JsonNode done =
        http().get(trail() + "/steps?progress.status=DONE", userToken()).json();
    assertThat(done.size()).isGreaterThanOrEqualTo(1);
    assertThat(done.get(0).get("rev").asInt()).isZero();
    JsonNode all = allSteps();
    assertThat(all.size()).isEqualTo(done.size() + dflt.size());
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).get("rev").asInt()).isEqualTo(i);
      assertThat(all.get(i).get("id").asText()).isEqualTo(target().deviceId() + "-" + i);
    }
  }

  @Test
  void stepsList_pageSizeLimits_andFieldsProjectionZeroesOthers() {
    JsonNode one = http()
        .get(
            trail() + "/steps?progress.status=" + enc("{\"$exists\":true}") + "&page[size]=1",
            userToken())
        .json();
    assertThat(one.size()).isEqualTo(1);
    JsonNode projected =
        http().get(trail() + "/steps/0?fields=rev,progress", userToken()).json();
    assertThat(projected.get("rev").asInt()).isZero();
    assertThat(projected.get("commit-msg").asText()).isEmpty();
    assertThat(projected.get("progress").get("status").asText()).isEqualTo("DONE");
  }

  @Test
  void stepsList_unknownTrail_is500() {
    assertThat(http().get("/trails/000000000000000000000000/steps", userToken()).status())
        .isEqualTo(500);
  }

  @Test
  void factoryStep_isRev0Done_withFactoryMessage() {
    JsonNode s = http().get(trail() + "/steps/0", userToken()).json();
    assertThat(s.get("commit-msg").asText()).isEqualTo("Factory State (rev 0)");
    assertThat(s.get("progress").get("status").asText()).isEqualTo("DONE");
    assertThat(s.get("trail-id").asText()).isEqualTo(target().deviceId());
  }

  @Test
  void postStep_revMinus1_takesLatestPlus1_asNew_thenCancelWorksOnlyOnce() {
    assumeTrue(target().writes(), "needs writes");
    JsonNode state = latestState();
    int latest = allSteps().size() - 1;
    Http.Reply r = postStep("-1", state, "contract: rev -1");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode step = r.json();
    assertThat(step.get("rev").asInt()).isEqualTo(latest + 1);
    assertThat(step.get("id").asText()).isEqualTo(target().deviceId() + "-" + (latest + 1));
    assertThat(step.get("progress").get("status").asText()).isEqualTo("NEW");
    assertThat(step.get("progress-time").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(step.get("state-sha").asText()).matches("[0-9a-f]{64}");
    Http.Reply cancel =
        http().put(trail() + "/steps/" + (latest + 1) + "/cancel", userToken(), null);
    assertThat(cancel.status()).isEqualTo(200);
    assertThat(cancel.json().get("status").asText()).isEqualTo("CANCEL");
    assertThat(cancel.json().get("progress").asInt()).isEqualTo(100);
    assertThat(cancel.json().get("status-msg").asText()).isEqualTo("Cancel as requested by owner");
    assertThat(http()
            .put(trail() + "/steps/" + (latest + 1) + "/cancel", userToken(), null)
            .status())
        .isEqualTo(400);
    assertThat(http()
            .put(trail() + "/steps/" + (latest + 1) + "/wontgo", userToken(), null)
            .status())
        .isEqualTo(400);
  }

  @Test
  void postStep_withExistingRev_orWithoutRev_is500() {
    assumeTrue(target().writes(), "needs writes");
    JsonNode state = latestState();
    int latest = allSteps().size() - 1;
    assertThat(
            postStep(Integer.toString(latest), state, "contract: existing rev").status())
        .isEqualTo(500);
    assertThat(postStep(Integer.toString(latest + 5), state, "contract: gap").status())
        .isEqualTo(500);
    assertThat(postStep(null, state, "contract: no rev").status()).isEqualTo(500);
  }

  @Test
  void postStep_withBadSpecOrUnknownObject_is500() {
    assumeTrue(target().writes(), "needs writes");
    JsonNode badSpec = Http.JSON.createObjectNode().put("#spec", "nonsense@9");
    assertThat(postStep("-1", badSpec, "contract: bad spec").status()).isEqualTo(500);
    JsonNode unknownObject = Http.JSON
        .createObjectNode()
        .put("#spec", "pantavisor-service-system@1")
        .put("app/root.squashfs", "ab".repeat(32));
    assertThat(postStep("-1", unknownObject, "contract: unknown object").status())
        .isEqualTo(500);
    JsonNode notSha = Http.JSON
        .createObjectNode()
        .put("#spec", "pantavisor-service-system@1")
        .put("app/root.squashfs", 42);
    assertThat(postStep("-1", notSha, "contract: not a sha").status()).isEqualTo(500);
  }

  @Test
  void progress_putByUser_is403() {
    assertThat(http()
            .put(trail() + "/steps/0/progress", userToken(), "{\"status\":\"DONE\"}")
            .status())
        .isEqualTo(403);
  }

  @Test
  void progress_putByDevice_acceptsAnyStatusAndEchoesIt_andDeviceSeesOnlyNewSteps() {
    assumeTrue(target().writes(), "needs writes");
    String dt = deviceToken();
    JsonNode state = latestState();
    int rev = postStep("-1", state, "contract: progress").json().get("rev").asInt();
    JsonNode deviceView = http().get(trail() + "/steps", dt).json();
    assertThat(deviceView.size()).isEqualTo(1);
    assertThat(deviceView.get(0).get("progress").get("status").asText()).isEqualTo("NEW");
    Http.Reply r = http()
        .put(
            trail() + "/steps/" + rev + "/progress",
            dt,
            "{\"status\":\"MADE-UP\",\"status-msg\":\"anything goes\",\"progress\":7,\"data\":\"1\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("MADE-UP");
    assertThat(r.json().get("data").asText()).isEqualTo("1");
    JsonNode step = http().get(trail() + "/steps/" + rev, userToken()).json();
    assertThat(step.get("progress").get("progress").asInt()).isEqualTo(7);
    assertThat(step.get("progress-time").asText()).isNotEqualTo("1970-01-01T00:00:00Z");
    assertThat(http()
            .put(trail() + "/steps/99999/progress", dt, "{\"status\":\"DONE\"}")
            .status())
        .isEqualTo(400);
  }

  @Test
  void pvrremote_describesLatestStep() {
    JsonNode r = http().get(trail() + "/.pvrremote", userToken()).json();
    assertThat(r.get("pvr-spec").asText()).isEqualTo("pvr-pantahub-1");
    assertThat(r.get("json-key").asText()).isEqualTo("state");
    assertThat(r.get("post-url").asText()).endsWith("/trails/" + target().deviceId() + "/steps");
    assertThat(r.get("post-fields").get(0).asText()).isEqualTo("commit-msg");
  }

  @Test
  void summary_hasOneRowPerDeviceWithDocumentedFields() {
    Http.Reply r = http().get("/trails/summary", userToken());
    assertThat(r.status()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode n : r.json()) {
      if (n.get("deviceid").asText().equals(target().deviceId())) {
        row = n;
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.fieldNames())
        .toIterable()
        .contains(
            "device",
            "device-nick",
            "revision",
            "progress-revision",
            "progress",
            "status",
            "status-msg",
            "state-sha",
            "timestamp",
            "step-time",
            "progress-time",
            "trail-touched-time",
            "real-ip",
            "fleet-group");
    Http.Reply bad = http().get("/trails/summary?filter=" + enc("{not json"), userToken());
    assertThat(bad.status()).isEqualTo(400);
  }

  // ---- §5 objects ----

  @Test
  void objects_createUploadThen409_andShaMismatchIs400() {
    assumeTrue(target().writes(), "needs writes");
    byte[] data = ("contract object " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    String sha = sha256(data);
    String meta = "{\"objectname\":\"contract.bin\",\"sha256sum\":\"" + sha + "\",\"size\":\""
        + data.length + "\",\"mime-type\":\"application/octet-stream\"}";
    Http.Reply created = http().post("/objects/", userToken(), meta);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String put = created.json().get("signed-puturl").asText();
    assertThat(http()
            .send("PUT", put, null, "wrong bytes", "Content-Type", "application/octet-stream")
            .status())
        .isEqualTo(400);
    assertThat(http()
            .send(
                "PUT",
                put,
                null,
                new String(data, StandardCharsets.UTF_8),
                "Content-Type",
                "application/octet-stream")
            .status())
        .isEqualTo(200);
    Http.Reply again = http().post("/objects/", userToken(), meta);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("sha256sum").asText()).isEqualTo(sha);
    assertThat(again.header("Pantahub-Object-Type")).isEqualTo("object");
  }

  @Test
  void objects_badShaIs400_unknownObjectIs403() {
    assertThat(http()
            .post("/objects/", userToken(), "{\"objectname\":\"x\",\"sha256sum\":\"xyz\"}")
            .status())
        .isEqualTo(400);
    assertThat(http().post("/objects/", userToken(), "{\"objectname\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(http().get("/objects/" + "cd".repeat(32), userToken()).status()).isEqualTo(403);
  }

  // ---- §6 changes feed and logs ----

  @Test
  void changes_withoutPageSize_is200WithEmptyBody() {
    Http.Reply r = http().get("/changes/steps?page[after]=1970-01-01T00:00:00Z", userToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void changes_steps_pageAfterEpoch_returnsLinksAndAscendingData() {
    Http.Reply r =
        http().get("/changes/steps?page[size]=5&page[after]=1970-01-01T00:00:00Z", userToken());
    assertThat(r.status()).isEqualTo(200);
    JsonNode data = r.json().get("data");
    assertThat(data.size()).isBetween(1, 5);
    assertThat(r.json().get("links").get("next").asText())
        .contains("page[after]=")
        .contains("page[size]=5");
    List<String> times = new ArrayList<>();
    data.forEach(s -> times.add(s.get("time-modified").asText()));
    assertThat(times.stream().map(java.time.Instant::parse).toList()).isSorted();
  }

  @Test
  void logs_listing_hasDocumentedShape() {
    Http.Reply r = http().get("/logs/?dev=" + target().deviceId() + "&page=10", userToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().has("entries")).isTrue();
    assertThat(r.json().get("page").asInt()).isEqualTo(10);
  }

  @Test
  void changesDevices_showStoredMetaKeys_withFullwidthNInsteadOfDots() {
    JsonNode data = http()
        .get("/changes/devices?page[size]=250&page[after]=1970-01-01T00:00:00Z", userToken())
        .json()
        .get("data");
    List<String> keys = new ArrayList<>();
    data.forEach(d -> d.get("device-meta").fieldNames().forEachRemaining(keys::add));
    assertThat(keys).noneMatch(k -> k.contains("."));
    assertThat(keys).anyMatch(k -> k.contains("\uFF2E"));
  }

  @Test
  void routerErrors_unknownPathIs404_wrongMethodIs405_withErrorBodies() {
    Http.Reply notFound = http().get(trail() + "/no-such-thing/here", userToken());
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.json().get("Error").asText()).isEqualTo("Resource not found");
    Http.Reply wrongMethod = http().send("DELETE", "/trails/", userToken(), null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().get("Error").asText()).isEqualTo("Method not allowed");
  }

  @Test
  void stepsList_pageAfter_yieldsNothing() {
    JsonNode r = http()
        .get(
            trail() + "/steps?progress.status=" + enc("{\"$exists\":true}")
                + "&page[after]=1970-01-01T00:00:00Z",
            userToken())
        .json();
    assertThat(r.isArray()).isTrue();
    assertThat(r.size()).isZero();
  }

  // ---- helpers ----

  protected JsonNode device() {
    return find(http().get("/devices/", userToken()).json(), target().deviceId());
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("device " + id + " not in " + list);
  }

  protected static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  static String sha256(byte[] data) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
