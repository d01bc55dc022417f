package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.SuccessCriteria;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The worked numbers of docs/rollouts.md: a 200-device step with 85%,99%. */
class GateTest {
  static final SuccessCriteria C = SuccessCriteria.parse("85%,99%");
  static final Instant GATE = Instant.parse("2026-01-01T12:00:00Z");
  static final Instant BEFORE = GATE.minusSeconds(1);

  @Test
  void beforeTheGate_waitsWhileTheCriteriaCanStillBeMet() {
    assertThat(Gate.decide(C, 200, 150, 1, BEFORE, GATE)).isEqualTo(Gate.Decision.WAIT);
  }

  @Test
  void failsEarly_assoonAsSuccessCanNoLongerReach99Percent() {
    // 2 failures: at best 198 of 200 = 99 % → still possible; 3 failures: 197/200 = 98.5 % → fail
    // now
    assertThat(Gate.decide(C, 200, 10, 2, BEFORE, GATE)).isEqualTo(Gate.Decision.WAIT);
    assertThat(Gate.decide(C, 200, 10, 3, BEFORE, GATE)).isEqualTo(Gate.Decision.FAIL);
  }

  @Test
  void passesEarly_whenEveryoneReportedAndTheCriteriaHold() {
    assertThat(Gate.decide(C, 200, 199, 1, BEFORE, GATE)).isEqualTo(Gate.Decision.PASS);
  }

  @Test
  void atTheGate_decidesOnWhatHasBeenReported() {
    // 170 of 200 reported (85 %), 169 of 170 succeeded (99.4 %): pass; 169 reported (84.5 %): fail
    assertThat(Gate.decide(C, 200, 169, 1, GATE, GATE)).isEqualTo(Gate.Decision.PASS);
    assertThat(Gate.decide(C, 200, 168, 1, GATE, GATE)).isEqualTo(Gate.Decision.FAIL);
  }

  @Test
  void anEmptyStep_passesAtOnce() {
    assertThat(Gate.decide(C, 0, 0, 0, BEFORE, GATE)).isEqualTo(Gate.Decision.PASS);
  }

  @Test
  void spread_isStableAndWithinTheWindow() {
    int u = Spread.of("R", 42L);
    assertThat(Spread.of("R", 42L)).isEqualTo(u);
    assertThat(Spread.of("S", 42L)).isNotEqualTo(u);
    assertThat(Spread.offsetMillis(1000, (1 << Spread.BITS) - 1)).isLessThan(1000);
    assertThat(Spread.offsetMillis(1000, 0)).isZero();
  }
}
