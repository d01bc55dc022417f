package io.biggerfleet.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dashboard over HTTP: pages, escaping, and the security rules around actions. No browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHttpTest {
  static final char[] TOKEN = "s3cret-operator-token".toCharArray();
  SimFleet sim;
  FleetDashboard dashboard;
  FleetDashboard readOnly;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  void start() {
    sim = new SimFleet().withRollout();
    dashboard = FleetDashboard.builder(sim.fleet)
        .auth(DashboardAuth.token("alice", TOKEN))
        .start();
    readOnly = FleetDashboard.builder(sim.fleet).start();
  }

  @AfterAll
  void stop() {
    dashboard.close();
    readOnly.close();
    sim.close();
  }

  HttpResponse<String> get(FleetDashboard d, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(d.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String cookie, String origin, String... form)
      throws Exception {
    return post(dashboard, path, cookie, origin, form);
  }

  HttpResponse<String> post(
      FleetDashboard d, String path, String cookie, String origin, String... form)
      throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < form.length; i += 2) {
      body.append(i == 0 ? "" : "&")
          .append(form[i])
          .append('=')
          .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(d.uri().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String origin() {
    return origin(dashboard);
  }

  static String origin(FleetDashboard d) {
    String u = d.uri().toString();
    return u.substring(0, u.length() - 1);
  }

  /** Logs in; returns the cookie header value and the CSRF token from a page. */
  String[] login() throws Exception {
    return login(dashboard, "ROLLOUT5");
  }

  /** Logs in to {@code d}; returns the cookie and the CSRF token from the page of {@code rollout}. */
  String[] login(FleetDashboard d, String rollout) throws Exception {
    HttpResponse<String> r =
        post(d, "/login", null, origin(d), "user", "alice", "secret", new String(TOKEN));
    assertThat(r.statusCode()).isEqualTo(303);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    HttpResponse<String> page = http.send(
        HttpRequest.newBuilder(d.uri().resolve("/rollout?name=" + rollout))
            .header("Cookie", cookie)
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).as("an operator's page carries the CSRF token").isTrue();
    return new String[] {cookie, m.group(1)};
  }

  @Test
  void overview_showsDeviceCountsGroupsAndTheActiveRolloutWithItsProgress() throws Exception {
    HttpResponse<String> r = get(dashboard, "/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("data-count=\"Devices\">11<", "/co/cisco/121XPs", "ROLLOUT5", "<progress");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void devicePage_escapesTheDevicesValues() throws Exception {
    HttpResponse<String> r = get(
        dashboard,
        "/device?id=" + URLEncoder.encode(sim.idOf("gardenpool-wifi"), StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .doesNotContain("<script>window.pwned")
        .doesNotContain("<img src=x")
        .contains("&lt;script&gt;window.pwned=1&lt;/script&gt;", "/co/cisco/121XPs", "ROLLOUT5");
  }

  @Test
  void rolloutPage_showsStepsTimelineFailureWithMessageAndDevices() throws Exception {
    HttpResponse<String> r = get(dashboard, "/rollout?name=ROLLOUT5");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains(
            "<svg class=\"timeline\"",
            "<polyline class=\"line failed\"",
            SimFleet.FAILURE_MESSAGE,
            sim.idOf(SimFleet.FAILING) + "@2",
            "FINAL",
            "/specialsets/canary");
    // Issue 16: each step shows the rules it runs under; both inherit the rollout's rate cap.
    assertThat(r.body().split("<td class=\"rules\">rate 1000/min</td>", -1)).hasSize(3);
  }

  @Test
  void deviceSearch_countsAndShowsABadExpressionWithItsCaret() throws Exception {
    assertThat(get(
                dashboard,
                "/api/count?q=" + URLEncoder.encode("Model == \"121XPs\"", StandardCharsets.UTF_8))
            .body())
        .isEqualTo("{\"count\":4}");
    String bad = get(
            dashboard, "/api/count?q=" + URLEncoder.encode("Model == ", StandardCharsets.UTF_8))
        .body();
    assertThat(bad).startsWith("{\"error\":\"line 1, column").contains("^");
    HttpResponse<String> page =
        get(dashboard, "/devices?q=" + URLEncoder.encode("Model ==", StandardCharsets.UTF_8));
    assertThat(page.body()).contains("id=\"search-error\"", "line 1, column");
  }

  @Test
  void groupsAndEventsPages_render() throws Exception {
    assertThat(get(dashboard, "/groups").body())
        .contains("/specialsets/canary", "Fleet-Tags contains &quot;canary&quot;");
    String events = get(dashboard, "/events").body();
    assertThat(events).contains("DEVICE_POSTED", "GATE_PASSED");
    assertThat(events.indexOf("GATE_PASSED"))
        .as("newest first")
        .isLessThan(events.indexOf("ROLLOUT_CREATED"));
  }

  @Test
  void readOnlyDashboard_showsNoActions_andRefusesThem() throws Exception {
    assertThat(get(readOnly, "/rollout?name=ROLLOUT5").body())
        .contains("read-only")
        .doesNotContain("action=\"/action\"");
    HttpRequest p = HttpRequest.newBuilder(readOnly.uri().resolve("/action"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=pause&rollout=ROLLOUT5&confirm=yes"))
        .build();
    assertThat(http.send(p, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(sim.fleet.rollouts().get("ROLLOUT5").state()).isEqualTo(RolloutState.ACTIVE);
  }

  @Test
  void action_withoutLogin_withoutCsrf_orFromAnotherOrigin_isRefused_andChangesNothing()
      throws Exception {
    assertThat(post(
                "/action",
                null,
                origin(),
                "action",
                "pause",
                "rollout",
                "ROLLOUT5",
                "confirm",
                "yes")
            .statusCode())
        .isEqualTo(401);
    String[] s = login();
    assertThat(post(
                "/action",
                s[0],
                origin(),
                "action",
                "pause",
                "rollout",
                "ROLLOUT5",
                "confirm",
                "yes")
            .statusCode())
        .as("no CSRF token")
        .isEqualTo(403);
    assertThat(post(
                "/action",
                s[0],
                "http://evil.example",
                "action",
                "pause",
                "rollout",
                "ROLLOUT5",
                "confirm",
                "yes",
                "_csrf",
                s[1])
            .statusCode())
        .as("another origin")
        .isEqualTo(403);
    assertThat(sim.fleet.rollouts().get("ROLLOUT5").state()).isEqualTo(RolloutState.ACTIVE);
  }

  @Test
  void login_withAWrongToken_isRefused() throws Exception {
    HttpResponse<String> r =
        post("/login", null, origin(), "user", "alice", "secret", "wrong-token-123");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void action_isConfirmedFirst_thenPausesAndResumes_withTheApisErrors() throws Exception {
    String[] s = login();
    HttpResponse<String> ask =
        post("/action", s[0], origin(), "action", "pause", "rollout", "ROLLOUT5", "_csrf", s[1]);
    assertThat(ask.statusCode()).isEqualTo(200);
    assertThat(ask.body()).contains("Pause rollout ROLLOUT5?", "name=\"confirm\" value=\"yes\"");
    assertThat(sim.fleet.rollouts().get("ROLLOUT5").state()).isEqualTo(RolloutState.ACTIVE);

    HttpResponse<String> done = post(
        "/action",
        s[0],
        origin(),
        "action",
        "pause",
        "rollout",
        "ROLLOUT5",
        "confirm",
        "yes",
        "_csrf",
        s[1]);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(sim.fleet.rollouts().get("ROLLOUT5").state()).isEqualTo(RolloutState.PAUSED);
    String location = done.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/rollout?name=ROLLOUT5");
    HttpRequest after = HttpRequest.newBuilder(dashboard.uri().resolve(location))
        .header("Cookie", s[0])
        .build();
    assertThat(http.send(after, HttpResponse.BodyHandlers.ofString()).body())
        .contains("Paused ROLLOUT5.");
    assertThat(http.send(after, HttpResponse.BodyHandlers.ofString()).body())
        .as("a notice shows once")
        .doesNotContain("Paused ROLLOUT5.");

    HttpResponse<String> again = post(
        "/action",
        s[0],
        origin(),
        "action",
        "pause",
        "rollout",
        "ROLLOUT5",
        "confirm",
        "yes",
        "_csrf",
        s[1]);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Cannot pause rollout &#39;ROLLOUT5&#39;: it is PAUSED");

    post(
        "/action",
        s[0],
        origin(),
        "action",
        "resume",
        "rollout",
        "ROLLOUT5",
        "confirm",
        "yes",
        "_csrf",
        s[1]);
    assertThat(sim.fleet.rollouts().get("ROLLOUT5").state()).isEqualTo(RolloutState.ACTIVE);
  }

  @Test
  void approve_startsTheWaitingStep_asTheLoggedInOperator_andRefusesAnotherStepNumber()
      throws Exception {
    try (SimFleet gated = new SimFleet();
        FleetDashboard d = FleetDashboard.builder(gated.fleet)
            .auth(DashboardAuth.token("alice", TOKEN))
            .start()) {
      String kernel =
          gated.sim.putObject("user1", "kernel", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
      gated
          .fleet
          .rollouts()
          .create(Rollout.builder("GATED")
              .change("set kernel=" + kernel)
              .message("m")
              .devices("/")
              .time("1h")
              .timeout("1h")
              .success("0%,0%")
              .build());
      gated
          .fleet
          .rollouts()
          .addStep(
              "GATED",
              RolloutStep.of(
                  "/",
                  StepConfig.parse("1h", "1h", "0%,0%")
                      .withGuards(StepGuards.parse("alice,bob", null))));
      gated.fleet.rollouts().activate("GATED");
      gated.advance(Duration.ofMinutes(1)); // the engine finds the first step needs approval
      assertThat(gated.fleet.rollouts().get("GATED").state())
          .isEqualTo(RolloutState.AWAITING_APPROVAL);
      String[] s = login(d, "GATED");
      HttpRequest page = HttpRequest.newBuilder(d.uri().resolve("/rollout?name=GATED"))
          .header("Cookie", s[0])
          .build();
      assertThat(http.send(page, HttpResponse.BodyHandlers.ofString()).body())
          .contains("class=\"action action-approve\">Approve step 1</button>")
          .doesNotContain("action-pause");

      HttpResponse<String> ask = post(
          d, "/action", s[0], origin(d), "action", "approve", "rollout", "GATED", "target", "1",
          "_csrf", s[1]);
      assertThat(ask.body()).contains("Approve step 1 of rollout GATED?");
      HttpResponse<String> wrong = post(
          d, "/action", s[0], origin(d), "action", "approve", "rollout", "GATED", "target", "2",
          "confirm", "yes", "_csrf", s[1]);
      assertThat(wrong.statusCode()).isEqualTo(422);
      assertThat(gated.fleet.rollouts().get("GATED").state())
          .isEqualTo(RolloutState.AWAITING_APPROVAL);

      HttpResponse<String> done = post(
          d, "/action", s[0], origin(d), "action", "approve", "rollout", "GATED", "target", "1",
          "confirm", "yes", "_csrf", s[1]);

      assertThat(done.statusCode()).isEqualTo(303);
      Rollout r = gated.fleet.rollouts().get("GATED");
      assertThat(r.state()).isEqualTo(RolloutState.ACTIVE);
      assertThat(r.run().approvedBy()).contains("alice");
      assertThat(http.send(page, HttpResponse.BodyHandlers.ofString()).body())
          .contains("Approved step 1 of GATED as alice.")
          .doesNotContain("action-approve");
    }
  }

  @Test
  void aRequestNamingAnotherHost_isRefused() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", dashboard.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: attacker.example:" + dashboard.port()
              + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 421");
    }
  }

  @Test
  void nonLoopbackBind_withoutAuth_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FleetDashboard.builder(sim.fleet)
            .bind(java.net.InetAddress.getByName("0.0.0.0"))
            .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not loopback");
  }

  @Test
  void aLink_cannotMakeThePageShowANotice() throws Exception {
    assertThat(
            get(dashboard, "/rollout?name=ROLLOUT5&done=Your+session+expired").body())
        .doesNotContain("Your session expired");
  }
}
