package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.testing.FakeTrails;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What one device's post leaves in its record when the post cannot be made, or may not have been. */
class DevicePostTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final DeviceId D = DeviceId.of("d1", "hub");
  static final DeviceRolloutProgress POSTING = DeviceRolloutProgress.builder("R", D, 1, NOW)
      .status(DeviceStatus.POSTING)
      .attempt(1)
      .build();
  static final Rollout R = Rollout.builder("R")
      .change("set a.json={}")
      .devices("/")
      .defaults(StepConfig.parse("0s", "1h", "0%,0%"))
      .restoredState(RolloutState.ACTIVE)
      .build();

  @Test
  void aDeviceWithoutTrails_fails_andSaysWhyInItsRecordAndAnEvent() {
    Batch b = new Batch(NOW, "engine");
    DevicePost post = DevicePost.of(R, POSTING, id -> {
      throw new NotFoundException("trails of registry", id.registry());
    });

    DeviceRolloutProgress next = post.recordAfter(R, POSTING, b, NOW);

    assertThat(next.status()).isEqualTo(DeviceStatus.FAILED);
    assertThat(next.message()).contains("hub");
    assertThat(b.events).extracting(FleetEvent::type).containsExactly(EventType.DEVICE_RESULT);
  }

  @Test
  void aPostThatMayHaveGoneThrough_leavesTheRecordPosting() {
    Batch b = new Batch(NOW, "engine");
    DevicePost post = DevicePost.of(R, POSTING, id -> {
      throw new FleetException("hub timed out");
    });

    assertThat(post.recordAfter(R, POSTING, b, NOW)).isNull();
    assertThat(b.isEmpty()).isTrue();
  }

  @Test
  void aBackoutOfAnUnknownRevision_failsWithoutPosting() {
    Rollout backout = Rollout.builder("R-backout")
        .backoutOf("R")
        .change("set a.json={}")
        .devices("/")
        .defaults(StepConfig.parse("0s", "1h", "0%,0%"))
        .restoredState(RolloutState.ACTIVE)
        .build();
    DeviceRolloutProgress rec = POSTING.toBuilder().baseRev(7).build();
    FakeTrails trails = new FakeTrails(
            "hub", Clock.fixed(NOW, ZoneOffset.UTC), FakeTrails.allSucceed())
        .addDevice(D, TrailState.empty()); // a trail of one revision: 7 is not on it
    Batch b = new Batch(NOW, "engine");

    DeviceRolloutProgress next =
        DevicePost.of(backout, rec, id -> trails).recordAfter(backout, rec, b, NOW);

    assertThat(next.status()).isEqualTo(DeviceStatus.FAILED);
    assertThat(next.message()).isEqualTo("cannot revert: pre-rollout revision 7 is unknown");
    assertThat(trails.posts()).isEmpty();
  }

  @Test
  void commitMessages_nameABackoutsParent_andADetour() {
    Rollout backout = Rollout.builder("R-backout")
        .backoutOf("R")
        .change("set a.json={}")
        .devices("/")
        .defaults(StepConfig.parse("0s", "1h", "0%,0%"))
        .build();

    assertThat(DevicePost.commitMessage(backout, POSTING)).isEqualTo("Back out R");
    assertThat(DevicePost.commitMessage(R, POSTING.toBuilder().detour(true).build()))
        .isEqualTo("Detour before: " + R.message());
  }
}
