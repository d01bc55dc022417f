package io.biggerfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Time windows, success criteria and changes are parsed when given, with clear errors. */
class RolloutInputsTest {
  static final String SHA = "0123456789abcdef".repeat(4);

  @Test
  void durations_parseTheWalkthroughForms() {
    assertThat(Durations.parse("time", "5d")).isEqualTo(Duration.ofDays(5));
    assertThat(Durations.parse("timeout", "12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("time", "90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("time", "1d12h")).isEqualTo(Duration.ofHours(36));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofDays(5))).isEqualTo("5d");
  }

  @Test
  void durations_whenMalformed_nameTheFieldAndPosition() {
    assertThatThrownBy(() -> Durations.parse("time", "5x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "time '5x' is not a duration: unknown unit 'x' (use d, h, m or s) at position 2");
    assertThatThrownBy(() -> Durations.parse("timeout", "12")).hasMessageContaining("missing unit");
    assertThatThrownBy(() -> Durations.parse("time", "h"))
        .hasMessageContaining("expected a number");
    assertThatThrownBy(() -> Durations.parse("time", "1h1d"))
        .hasMessageContaining("largest to smallest");
    assertThatThrownBy(() -> Durations.parse("time", "400d"))
        .hasMessageContaining("longer than the maximum");
    assertThatThrownBy(() -> Durations.parse("time", " ")).hasMessageContaining("time is empty");
  }

  @Test
  void durations_human_roundsEtaUpAndElapsedDown() {
    assertThat(Durations.human(Duration.ofHours(36))).isEqualTo("2 days");
    assertThat(Durations.humanElapsed(Duration.ofHours(36))).isEqualTo("1 day");
    assertThat(Durations.human(Duration.ofMinutes(61))).isEqualTo("2 hours");
    assertThat(Durations.human(Duration.ofSeconds(30))).isEqualTo("1 minute");
  }

  @Test
  void successCriteria_parseWithAndWithoutPercentSigns() {
    assertThat(SuccessCriteria.parse("85%,99%"))
        .isEqualTo(SuccessCriteria.ofBasisPoints(8500, 9900));
    assertThat(SuccessCriteria.parse("80,99.5"))
        .isEqualTo(SuccessCriteria.ofBasisPoints(8000, 9950));
    assertThat(SuccessCriteria.parse("100%, 100%").toString()).isEqualTo("100%,100%");
    assertThat(SuccessCriteria.parse("80,99.75").toString()).isEqualTo("80%,99.75%");
  }

  @Test
  void successCriteria_whenMalformed_sayWhichPartIsWrong() {
    assertThatThrownBy(() -> SuccessCriteria.parse("85%;99%"))
        .hasMessageContaining("two percentages");
    assertThatThrownBy(() -> SuccessCriteria.parse("85%,101%"))
        .hasMessageContaining("min-success 101% is above 100%");
    assertThatThrownBy(() -> SuccessCriteria.parse("x,99"))
        .hasMessageContaining("min-reported 'x'");
    assertThatThrownBy(() -> SuccessCriteria.parse("85,99.123"))
        .hasMessageContaining("at most two decimals");
  }

  @Test
  void successCriteria_areMetExactlyAtTheBoundary() {
    SuccessCriteria c = SuccessCriteria.parse("85%,99%");
    assertThat(c.isMet(100, 85, 85)).isTrue();
    assertThat(c.isMet(100, 84, 84)).isFalse();
    assertThat(c.isMet(1000, 900, 891)).isTrue(); // 99.0 %
    assertThat(c.isMet(1000, 900, 890)).isFalse(); // 98.9 %
    // 2 failures in 100 devices: even if the other 98 succeed, success is 98 % < 99 %
    assertThat(c.canStillBeMet(100, 10, 8)).isFalse();
    assertThat(c.canStillBeMet(100, 10, 9)).isTrue();
    assertThat(c.isMet(0, 0, 0)).isTrue();
  }

  @Test
  void change_parsesObjectReferencesJsonAndRemovals() {
    Change c = Change.parse(
        "set kernel=prn::pantahub.com:objects:/" + SHA.toUpperCase()
            + "; set bsp/run.json={\"linux\": \"k;img\"}; remove old.json; set #spec=pantavisor-service-system@1");
    assertThat(c.ops())
        .extracting(Change.Op::kind)
        .containsExactly(
            Change.OpKind.SET_OBJECT,
            Change.OpKind.SET_JSON,
            Change.OpKind.REMOVE,
            Change.OpKind.SET_TEXT);
    assertThat(c.referencedObjects()).containsExactly(SHA);
    assertThat(Change.parse(c.toString())).isEqualTo(c);
    assertThat(Change.parse("set kernel=" + SHA).referencedObjects()).containsExactly(SHA);

    TrailState before =
        TrailState.empty().with("kernel", "a".repeat(64)).with("old.json", "{}").with("keep", "x");
    TrailState after = c.applyTo(before);
    assertThat(after.entries())
        .containsEntry("kernel", SHA)
        .containsEntry("bsp/run.json", "{\"linux\": \"k;img\"}")
        .containsEntry("keep", "x")
        .doesNotContainKey("old.json");
  }

  @Test
  void change_whenMalformed_pointsAtTheColumnWithACaret() {
    assertThatThrownBy(
            () -> Change.parse("set kernel=prn::pantahub.com:objects:/aq921391231239awd"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not an object reference")
        .hasMessageContaining("(column 12)")
        .hasMessageEndingWith("\n  " + " ".repeat(11) + "^");
    // The JSON value's problem is reported at its column in the whole change: '}' is the 17th
    // character.
    assertThatThrownBy(() -> Change.parse("set a.json={\"x\":}"))
        .hasMessageContaining("invalid JSON: unexpected '}' (column 17)")
        .hasMessageEndingWith("\n  " + " ".repeat(16) + "^");
    assertThatThrownBy(() -> Change.parse("set a.json=" + "[".repeat(65) + "]".repeat(65)))
        .hasMessageContaining("JSON nested deeper than 64 levels");
    assertThatThrownBy(() -> Change.parse("put kernel=" + SHA))
        .hasMessageContaining("expected 'set <key>=<value>'");
    assertThatThrownBy(() -> Change.parse("set kernel=" + SHA + ";"))
        .hasMessageContaining("after ';'");
    assertThatThrownBy(() -> Change.parse("set =" + SHA)).hasMessageContaining("missing key");
    assertThatThrownBy(() -> Change.parse("")).hasMessageContaining("change is empty");
  }

  @Test
  void rolloutBuilder_rejectsTyposWhenGiven() {
    assertThatThrownBy(() -> Rollout.builder("R").time("5 days"))
        .hasMessageContaining("time '5 days'");
    assertThatThrownBy(() -> Rollout.builder("R").success("85"))
        .hasMessageContaining("two percentages");
    assertThatThrownBy(() -> Rollout.builder("R").build()).hasMessageContaining("needs a change");
    assertThatThrownBy(() -> Rollout.builder("bad name")).hasMessageContaining("' ' at position 4");
    assertThatThrownBy(() -> DeviceRetry.of(0, Duration.ZERO))
        .hasMessageContaining("between 1 and 10");
  }

  @Test
  void retryPolicy_backsOffExponentiallyWithACap() {
    DeviceRetry p = DeviceRetry.of(5, Duration.ofMinutes(30));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofHours(2));
    assertThat(DeviceRetry.of(10, Duration.ofHours(12)).delayAfter(9))
        .isEqualTo(Duration.ofDays(1));
    assertThat(p.retriesAfter(4)).isTrue();
    assertThat(p.retriesAfter(5)).isFalse();
    assertThat(DeviceRetry.none().retriesAfter(1)).isFalse();
  }

  @Test
  void stateTable_allowsOnlyTheDocumentedMoves() {
    assertThat(RolloutState.DRAFT.next()).containsExactly(RolloutState.ACTIVE);
    assertThat(RolloutState.ACTIVE.canMoveTo(RolloutState.PAUSED)).isTrue();
    assertThat(RolloutState.PAUSED.canMoveTo(RolloutState.DONE)).isFalse();
    assertThat(RolloutState.ABORTED.next()).isEmpty();
    assertThatThrownBy(() -> RolloutTransition.of("R", RolloutState.ABORTED, RolloutAction.RESUME))
        .isInstanceOf(RolloutStateException.class)
        .hasMessage("Cannot resume rollout 'R': it is ABORTED, which is final");
  }

  @Test
  void builder_whenAWindowIsSetAfterDefaultsWithAnApproval_keepsBoth() {
    Rollout r = Rollout.builder("R")
        .change("set kernel=" + SHA)
        .defaults(
            StepConfig.parse("12h", "6h", "80%,90%").withGuards(StepGuards.parse("true", null)))
        .pacing(new Pacing(MaintenanceWindow.parse("22:00-06:00"), RateRamp.NONE))
        .timeout("2h")
        .build();
    assertThat(r.defaults().guards().needsApproval())
        .isTrue(); // FINAL still waits for its approval
    assertThat(r.defaults().pacing().maintenance()).isPresent();
    assertThat(r.defaults().timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(r.defaults().window()).isEqualTo(Duration.ofHours(12));
  }
}
