package io.biggerfleet.rollout.internal;

import java.time.Instant;
import java.util.List;

/**
 * What the pure {@link Decider} tells the executor ({@link RolloutEngine} and its parts) to do with one
 * rollout. Each kind is a record of plain values — plan indices, counts, instants — never a store, a
 * trail or a clock; the executor carries it out (one store batch per decision or group, posts,
 * events). Immutable and thread-safe.
 */
sealed interface Decision {

  /**
   * Post these devices (plan indices, in this order: the current step's devices whose spread time came,
   * then devices whose explicit due time came — retries, detours, late joiners), and move the current
   * step's spread position to {@code position}.
   */
  record Post(List<Integer> devices, int position) implements Decision {
    public Post {
      devices = List.copyOf(devices);
    }
  }

  /**
   * Do not post these devices now (plan indices; their step's maintenance window is closed in their
   * local time, or this minute's rate cap is used up): look at each again at its {@code until} time.
   * Kept in memory only; a reloaded plan finds them due again and decides again.
   */
  record Defer(List<Integer> devices, List<Instant> until) implements Decision {
    public Defer {
      devices = List.copyOf(devices);
      until = List.copyOf(until);
    }
  }

  /**
   * Look for late joiners now (the FINAL step is running with policy JOIN_FINAL and its check is due);
   * the next check is due at {@code nextCheck}.
   */
  record CheckLateJoiners(Instant nextCheck) implements Decision {}

  /** The current step's gate passed and a next step exists: start it now. */
  record AdvanceStep(
      GateFigures gate,
      int nextStep,
      int nextStepDevices,
      Instant startedAt,
      Instant gateAt,
      boolean checkJoiners)
      implements Decision {}

  /**
   * At DONE, devices still waiting for an automatic retry end FAILED (an operator can retry them). Comes
   * just before the {@link Complete} it belongs to, in the same store batch.
   */
  record ExpireWaiting(int devices) implements Decision {}

  /**
   * The last gate passed: the rollout is DONE. {@code reportedBp}/{@code successBp} are over the whole
   * rollout (after {@link ExpireWaiting}); {@code watching} whether posted devices are still outstanding.
   */
  record Complete(
      GateFigures gate, Instant finishedAt, int reportedBp, int successBp, boolean watching)
      implements Decision {}

  /** The gate failed and the policy is to stop: the rollout goes to ERROR (and keeps watching). */
  record Fail(GateFigures gate, Instant finishedAt) implements Decision {}

  /**
   * The gate failed and the policy is to back out: the rollout goes to ABORTED with a backout rollout
   * created now, and its abort cleanup runs at once.
   */
  record BackOut(GateFigures gate, Instant finishedAt) implements Decision {}

  /**
   * The rollout is ABORTED: stop these devices (plan indices) — drop the queued, cancel posted steps not
   * yet picked up, and hand those that took the change to the backout, if there is one.
   */
  record CleanUpAbort(List<Integer> devices) implements Decision {
    public CleanUpAbort {
      devices = List.copyOf(devices);
    }
  }

  /**
   * The current step needs an approval it does not have: the rollout waits in AWAITING_APPROVAL from
   * {@code since}, posting nothing of the step until an operator approves.
   */
  record AwaitApproval(int step, Instant since) implements Decision {}

  /** A finished rollout starts or stops watching its outstanding devices. */
  record Watch(boolean watching) implements Decision {}
}
