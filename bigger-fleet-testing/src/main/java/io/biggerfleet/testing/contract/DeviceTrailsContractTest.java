package io.biggerfleet.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.ProgressStatus;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceTrails} must do, as the engine relies on it: posts build on the latest step
 * and carry the marker, {@code find} recovers a post by marker, {@code cancel} is idempotent and only
 * cancels what was not picked up, the progress feed reports each report once in order, objects exist
 * only once uploaded, unknown devices are {@link NotFoundException}s.
 *
 * <p>Subclasses give a fixture: trails with two devices, one that takes steps and reports DONE when
 * {@link Fixture#letDevicesWork()} is called and one that stays offline, and one uploaded object.
 */
public abstract class DeviceTrailsContractTest {
  /** The trails under test, its devices and a way to let time pass for them. */
  public interface Fixture {
    DeviceTrails trails();

    /** A device that picks up new steps and reports DONE once {@link #letDevicesWork()} is called. */
    DeviceId worker();

    /** A device that stays offline: its steps stay NEW. */
    DeviceId sleeper();

    /** A device id of this registry that the trails do not know. */
    DeviceId stranger();

    /** The sha256 of an object that exists. */
    String uploadedObject();

    /** Lets enough (simulated) time pass for the worker to take and finish every posted step. */
    void letDevicesWork();
  }

  protected abstract Fixture newFixture() throws Exception;

  private Fixture f;
  private DeviceTrails trails;

  @BeforeEach
  void setUp() throws Exception {
    f = newFixture();
    trails = f.trails();
  }

  private StepRequest request(String rollout, int attempt) {
    TrailState base = trails.latest(f.worker()).state().orElseThrow();
    return new StepRequest(
        base.with("bf-contract.json", "{\"attempt\":" + attempt + "}"),
        "contract " + rollout,
        StepMarker.of(rollout, 1, attempt));
  }

  @Test
  void registry_isTheRegistryOfItsDevices() {
    assertThat(trails.registry())
        .isEqualTo(f.worker().registry())
        .isEqualTo(f.sleeper().registry());
  }

  @Test
  void latest_ofANewDevice_isItsNewestStepWithState() {
    TrailStep latest = trails.latest(f.worker());
    assertThat(latest.device()).isEqualTo(f.worker());
    assertThat(latest.rev()).isGreaterThanOrEqualTo(0);
    assertThat(latest.state()).isPresent();
    assertThat(trails.step(f.worker(), latest.rev()))
        .get()
        .extracting(TrailStep::rev)
        .isEqualTo(latest.rev());
  }

  @Test
  void post_addsTheNextRevision_withCommitMessageMarkerAndState_asNew() {
    int before = trails.latest(f.worker()).rev();
    StepRequest req = request("CONTRACT-POST", 1);

    TrailStep posted = trails.post(f.worker(), req);

    assertThat(posted.rev()).isEqualTo(before + 1);
    assertThat(posted.commitMessage()).isEqualTo("contract CONTRACT-POST");
    assertThat(posted.marker()).contains(req.marker());
    assertThat(posted.progress().status()).isEqualTo(ProgressStatus.NEW);
    TrailStep read = trails.step(f.worker(), posted.rev()).orElseThrow();
    assertThat(read.state()).contains(req.state());
    assertThat(read.marker()).contains(req.marker());
  }

  @Test
  void find_returnsThePostCarryingExactlyThatMarker() {
    TrailStep first = trails.post(f.worker(), request("CONTRACT-FIND", 1));
    TrailStep second = trails.post(f.worker(), request("CONTRACT-FIND", 2));

    assertThat(trails.find(f.worker(), StepMarker.of("CONTRACT-FIND", 1, 1)))
        .get()
        .extracting(TrailStep::rev)
        .isEqualTo(first.rev());
    assertThat(trails.find(f.worker(), StepMarker.of("CONTRACT-FIND", 1, 2)))
        .get()
        .extracting(TrailStep::rev)
        .isEqualTo(second.rev());
    assertThat(trails.find(f.worker(), StepMarker.of("CONTRACT-FIND", 1, 3))).isEmpty();
    assertThat(trails.find(f.worker(), StepMarker.of("OTHER", 1, 1))).isEmpty();
  }

  @Test
  void step_ofARevisionTheTrailDoesNotHave_isEmpty() {
    int latest = trails.latest(f.worker()).rev();
    assertThat(trails.step(f.worker(), latest + 5)).isEmpty();
  }

  @Test
  void cancel_ofAStepNotPickedUp_cancelsIt_andIsIdempotent() {
    TrailStep posted = trails.post(f.sleeper(), requestFor(f.sleeper(), "CONTRACT-CANCEL"));

    assertThat(trails.cancel(f.sleeper(), posted.rev())).isTrue();
    assertThat(trails.cancel(f.sleeper(), posted.rev())).isTrue();
    assertThat(trails.step(f.sleeper(), posted.rev()).orElseThrow().progress().status())
        .isEqualTo(ProgressStatus.CANCEL);
  }

  @Test
  void cancel_ofAStepTheDeviceTookAndFinished_isRefused() {
    TrailStep posted = trails.post(f.worker(), request("CONTRACT-TAKEN", 1));
    f.letDevicesWork();

    assertThat(trails.cancel(f.worker(), posted.rev())).isFalse();
    assertThat(trails.step(f.worker(), posted.rev()).orElseThrow().progress().status())
        .isEqualTo(ProgressStatus.DONE);
  }

  @Test
  void progressFeed_reportsTheWorkersDone_andContinuesFromItsCursor() {
    ProgressPage start = drain(null);
    TrailStep posted = trails.post(f.worker(), request("CONTRACT-FEED", 1));
    f.letDevicesWork();

    List<TrailStep> seen = new ArrayList<>();
    String cursor = start.nextCursor();
    for (int page = 0; page < 100; page++) {
      ProgressPage p = trails.progressSince(cursor, 2);
      seen.addAll(p.steps());
      if (p.steps().isEmpty()) {
        break;
      }
      cursor = p.nextCursor();
    }
    assertThat(seen)
        .filteredOn(s -> s.device().equals(f.worker()) && s.rev() == posted.rev())
        .extracting(s -> s.progress().status())
        .contains(ProgressStatus.DONE);
    assertThat(trails.progressSince(cursor, 100).steps())
        .as("nothing new after the end")
        .isEmpty();
  }

  @Test
  void objectExists_onlyForUploadedObjects() {
    assertThat(trails.objectExists(f.uploadedObject())).isTrue();
    assertThat(trails.objectExists("0".repeat(64))).isFalse();
  }

  @Test
  void unknownDevice_isNotFound() {
    assertThatThrownBy(() -> trails.latest(f.stranger())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> trails.post(f.stranger(), request("CONTRACT-404", 1)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void postConcurrency_isAtLeastOne() {
    assertThat(trails.postConcurrency()).isPositive();
  }

  private StepRequest requestFor(DeviceId device, String rollout) {
    TrailState base = trails.latest(device).state().orElseThrow();
    return new StepRequest(
        base.with("bf-contract.json", "{}"), "contract " + rollout, StepMarker.of(rollout, 1, 1));
  }

  private ProgressPage drain(String from) {
    String cursor = from;
    ProgressPage p = trails.progressSince(cursor, 1000);
    for (int i = 0; i < 1000 && !p.steps().isEmpty(); i++) {
      cursor = p.nextCursor();
      p = trails.progressSince(cursor, 1000);
    }
    return p.steps().isEmpty() && cursor != null ? new ProgressPage(List.of(), cursor) : p;
  }
}
