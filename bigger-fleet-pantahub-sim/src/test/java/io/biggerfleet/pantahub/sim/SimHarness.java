package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** A simulator on a manual clock plus an HTTP client logged in as user1. */
final class SimHarness implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  final SimClock clock = SimClock.at(START);
  final PantahubSimulator sim;
  final Http http;
  private String token;
  private Instant tokenAt;

  SimHarness(Scenario scenario) {
    sim = PantahubSimulator.builder().scenario(scenario).clock(clock).start();
    http = new Http(sim.baseUri());
  }

  /** A user1 token, renewed when the manual clock has moved on a lot. */
  String token() {
    if (token == null || Duration.between(tokenAt, clock.instant()).toMinutes() > 30) {
      SimUser u = sim.users().get(0);
      Http.Reply r = http.post(
          "/auth/login",
          null,
          "{\"username\":" + Http.quote(u.nick()) + ",\"password\":" + Http.quote(u.password())
              + "}");
      assertThat(r.status()).isEqualTo(200);
      token = r.json().get("token").asText();
      tokenAt = clock.instant();
    }
    return token;
  }

  String id(String nick) {
    return sim.device(nick).orElseThrow().id();
  }

  /** Posts the device's factory state again as a new step; returns its rev. */
  int post(String nick, String commitMsg) {
    String trail = "/trails/" + id(nick);
    JsonNode state = http.get(trail + "/steps/0/state", token()).json();
    Http.Reply r = http.post(
        trail + "/steps",
        token(),
        "{\"rev\":-1,\"commit-msg\":" + Http.quote(commitMsg) + ",\"state\":" + state + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("rev").asInt();
  }

  JsonNode progress(String nick, int rev) {
    return http.get("/trails/" + id(nick) + "/steps/" + rev, token()).json().get("progress");
  }

  String status(String nick, int rev) {
    return progress(nick, rev).get("status").asText();
  }

  @Override
  public void close() {
    sim.close();
  }
}
