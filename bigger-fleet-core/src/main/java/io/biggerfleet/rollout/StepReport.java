package io.biggerfleet.rollout;

import io.biggerfleet.model.StepConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one step of a rollout stands, for the detail view: its number, selector, config, status
 * ({@code DRAFT}, {@code QUEUE}, {@code INPROGRESS}, {@code PASSED}, {@code FAILED}, {@code PAUSED},
 * {@code ABORTED}), device counts and, while it runs, the time left until its gate. Immutable.
 */
public final class StepReport {
  private final int number;
  private final boolean fin;
  private final String selector;
  private final StepConfig config;
  private final String status;
  private final int devices;
  private final int reported;
  private final int succeeded;
  private final Duration eta;

  public StepReport(
      int number,
      boolean fin,
      String selector,
      StepConfig config,
      String status,
      int devices,
      int reported,
      int succeeded,
      Duration eta) {
    this.number = number;
    this.fin = fin;
    this.selector = Objects.requireNonNull(selector, "selector");
    this.config = Objects.requireNonNull(config, "config");
    this.status = Objects.requireNonNull(status, "status");
    this.devices = devices;
    this.reported = reported;
    this.succeeded = succeeded;
    this.eta = eta;
  }

  public int number() {
    return number;
  }

  public boolean isFinal() {
    return fin;
  }

  public String selector() {
    return selector;
  }

  public StepConfig config() {
    return config;
  }

  public String status() {
    return status;
  }

  public int devices() {
    return devices;
  }

  /** Devices with a final result. */
  public int reported() {
    return reported;
  }

  public int succeeded() {
    return succeeded;
  }

  /** Time left until the gate, while the step runs. */
  public Optional<Duration> eta() {
    return Optional.ofNullable(eta);
  }

  @Override
  public String toString() {
    return number + " " + status + " " + reported + "/" + devices;
  }
}
