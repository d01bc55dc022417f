package io.biggerfleet.bench.jdbc;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * The baseline of the bulk benchmarks: a store that does everything as {@code delegate} but keeps
 * {@link FleetStore#writeCreatingProgress}'s default, one {@link WriteBatch} of every record — how
 * activation wrote before it streamed.
 */
final class OneBatchStore implements FleetStore {
  private final FleetStore delegate;

  OneBatchStore(FleetStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Versioned<Device>> device(DeviceId id) {
    return delegate.device(id);
  }

  @Override
  public List<Versioned<Device>> devices() {
    return delegate.devices();
  }

  @Override
  public long deviceCount() {
    return delegate.deviceCount();
  }

  @Override
  public Optional<Versioned<Group>> group(String path) {
    return delegate.group(path);
  }

  @Override
  public List<Versioned<Group>> groups() {
    return delegate.groups();
  }

  @Override
  public Optional<Versioned<Rollout>> rollout(String name) {
    return delegate.rollout(name);
  }

  @Override
  public List<Versioned<Rollout>> rollouts() {
    return delegate.rollouts();
  }

  @Override
  public Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device) {
    return delegate.progress(rollout, device);
  }

  @Override
  public List<Versioned<DeviceRolloutProgress>> progress(String rollout) {
    return delegate.progress(rollout);
  }

  @Override
  public List<FleetEvent> events(long afterSeq, int limit) {
    return delegate.events(afterSeq, limit);
  }

  @Override
  public void write(WriteBatch batch) {
    delegate.write(batch);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
