package io.biggerfleet.pantahub;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.StepProgress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code GET /trails/summary}: where a device's trail stands. Pantahub fills it
 * asynchronously, so it may lag behind the steps themselves. Immutable and thread-safe.
 */
public final class TrailSummary {
  private final DeviceId device;
  private final String nick;
  private final int revision;
  private final int progressRevision;
  private final StepProgress progress;
  private final String stateSha;
  private final Instant lastSeen;

  TrailSummary(
      DeviceId device,
      String nick,
      int revision,
      int progressRevision,
      StepProgress progress,
      String stateSha,
      Instant lastSeen) {
    this.device = Objects.requireNonNull(device, "device");
    this.nick = nick;
    this.revision = revision;
    this.progressRevision = progressRevision;
    this.progress = progress;
    this.stateSha = stateSha;
    this.lastSeen = lastSeen;
  }

  public DeviceId device() {
    return device;
  }

  public String nick() {
    return nick;
  }

  /** The latest step's revision. */
  public int revision() {
    return revision;
  }

  /** The revision the device last reported progress on (what {@code pvr ps} shows as "rev"). */
  public int progressRevision() {
    return progressRevision;
  }

  /** The progress of {@link #progressRevision()}. */
  public StepProgress progress() {
    return progress;
  }

  public String stateSha() {
    return stateSha;
  }

  /** Last seen ({@code timestamp}: the greater of last seen and last modified). */
  public Optional<Instant> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrailSummary)) {
      return false;
    }
    TrailSummary s = (TrailSummary) o;
    return s.device.equals(device)
        && s.nick.equals(nick)
        && s.revision == revision
        && s.progressRevision == progressRevision
        && s.progress.equals(progress)
        && s.stateSha.equals(stateSha)
        && Objects.equals(s.lastSeen, lastSeen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(device, revision, progressRevision, progress);
  }

  @Override
  public String toString() {
    return device + " \"" + nick + "\" rev " + revision + ", running " + progressRevision + " "
        + progress;
  }
}
