package io.biggerfleet.model;

import static io.biggerfleet.model.RolloutAction.*;
import static io.biggerfleet.model.RolloutState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one transition table, row by row, and the refusals it gives for everything else. */
class RolloutTransitionTest {

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @CsvSource({
    "DRAFT,   ACTIVATE,     ACTIVE",
    "ACTIVE,  PAUSE,        PAUSED",
    "PAUSED,  RESUME,       ACTIVE",
    "ACTIVE,  COMPLETE,     DONE",
    "ACTIVE,  FAIL,         ERROR",
    "ACTIVE,  AUTO_BACKOUT, ABORTED",
    "ACTIVE,  ABORT,        ABORTED",
    "PAUSED,  ABORT,        ABORTED",
    "ERROR,   ABORT,        ABORTED",
    "DONE,    ABORT,        ABORTED",
    "ACTIVE,  BACKOUT,      ABORTED",
    "PAUSED,  BACKOUT,      ABORTED",
    "ERROR,   BACKOUT,      ABORTED",
    "DONE,    BACKOUT,      ABORTED",
    "ERROR,   RETRY,        ACTIVE",
    "DONE,    RETRY,        ACTIVE",
    "ERROR,   REROUTE,      ACTIVE",
    "DONE,    REROUTE,      ACTIVE",
  })
  void table_hasTheDocumentedRow(RolloutState from, RolloutAction action, RolloutState to) {
    assertThat(RolloutTransition.of("R", from, action))
        .isEqualTo(new RolloutTransition(from, action, to));
  }

  @Test
  void table_hasNoOtherRows() {
    assertThat(RolloutTransition.table()).hasSize(22);
    List<String> legal = new ArrayList<>();
    for (RolloutState s : RolloutState.values()) {
      for (RolloutAction a : RolloutAction.values()) {
        RolloutTransition.find(s, a).ifPresent(t -> legal.add(t.toString()));
      }
    }
    assertThat(legal).hasSize(22).doesNotHaveDuplicates();
    assertThat(RolloutTransition.actionsFrom(ABORTED)).isEmpty();
    assertThat(RolloutTransition.actionsFrom(DRAFT)).containsExactly(ACTIVATE);
  }

  @Test
  void of_whenTheStateIsFinal_saysSo() {
    assertThatThrownBy(() -> RolloutTransition.of("R", ABORTED, RESUME))
        .isInstanceOf(RolloutStateException.class)
        .hasMessage("Cannot resume rollout 'R': it is ABORTED, which is final");
  }

  @Test
  void of_whenTheActionHasOneSourceState_namesItAndWhatIsAllowedInstead() {
    assertThatThrownBy(() -> RolloutTransition.of("R6", PAUSED, PAUSE))
        .hasMessage(
            "Cannot pause rollout 'R6': it is PAUSED, not ACTIVE (from PAUSED: resume, abort, backout)");
  }

  @Test
  void of_whenActivatingAPausedRollout_pointsAtResume() {
    assertThatThrownBy(() -> RolloutTransition.of("R", PAUSED, ACTIVATE))
        .hasMessageStartingWith(
            "Cannot activate rollout 'R': it is PAUSED; only a DRAFT can be activated; use resume");
  }

  @Test
  void of_whenTheActionHasSeveralSourceStates_listsThem() {
    assertThatThrownBy(() -> RolloutTransition.of("R", ACTIVE, RETRY))
        .hasMessageStartingWith(
            "Cannot retry devices of rollout 'R': it is ACTIVE; only a rollout that is ERROR, DONE can");
  }

  @Test
  void builderTransition_refusesARowThatDoesNotStartAtTheRolloutsState() {
    Rollout draft = Rollout.builder("R").change("set a.json={}").build();
    assertThatThrownBy(
            () -> draft.toBuilder().transition(new RolloutTransition(ACTIVE, PAUSE, PAUSED)))
        .isInstanceOf(RolloutStateException.class)
        .hasMessageContaining("it is DRAFT");
    assertThatThrownBy(
            () -> draft.toBuilder().transition(new RolloutTransition(DRAFT, ABORT, DONE)))
        .isInstanceOf(RolloutStateException.class);
    assertThat(draft.toBuilder()
            .transition(RolloutTransition.of("R", DRAFT, ACTIVATE))
            .build()
            .state())
        .isEqualTo(ACTIVE);
  }

  @Test
  void stateNext_followsTheTable() {
    assertThat(DONE.next()).containsExactlyInAnyOrder(ACTIVE, ABORTED);
    assertThat(PAUSED.canMoveTo(DONE)).isFalse();
  }

  @Test
  void isRunning_coversTheStatesBetweenActivationAndTheEnd_notDraftNorFinished() {
    assertThat(java.util.Arrays.stream(RolloutState.values()).filter(RolloutState::isRunning))
        .containsExactlyInAnyOrder(
            RolloutState.ACTIVE, RolloutState.PAUSED, RolloutState.AWAITING_APPROVAL);
    for (RolloutState s : RolloutState.values()) {
      assertThat(s.isRunning()).as(s.name()).isEqualTo(s != RolloutState.DRAFT && !s.isFinished());
    }
  }
}
