package io.biggerfleet.spi;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.Group;
import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.Rollout;
import java.util.List;
import java.util.Optional;

/**
 * Where the fleet keeps what it knows: devices (with their fleet tags and fleet attributes), groups,
 * rollouts, per-device rollout progress and the event log.
 *
 * <p><b>Writes</b> go through {@link #write(WriteBatch)}: every record write names the version the
 * writer read (optimistic concurrency); the whole batch is applied atomically or not at all. A
 * mismatch throws {@link io.biggerfleet.WriteConflictException} and changes nothing — re-read and try
 * again. Two writers that both read version {@code v} can never both succeed, so no update is lost.
 *
 * <p><b>Reads</b> return snapshots: lists are copies sorted by key (device id, group path, rollout
 * name). A read never observes half of a batch.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use by many threads, and for
 * the JDBC store, by many processes.
 *
 * <p><b>Errors:</b> conflicts as above; a broken backing store (I/O, database) is an unchecked
 * {@link io.biggerfleet.FleetException} that leaves stored data as it was before the batch.
 *
 * <p>Every implementation must pass {@code FleetStoreContractTest} (core's test-jar).
 */
public interface FleetStore extends AutoCloseable {

  Optional<Versioned<Device>> device(DeviceId id);

  /** Every device, sorted by id. */
  List<Versioned<Device>> devices();

  long deviceCount();

  Optional<Versioned<Group>> group(String path);

  /** Every group, sorted by path. */
  List<Versioned<Group>> groups();

  Optional<Versioned<Rollout>> rollout(String name);

  /** Every rollout, sorted by name. */
  List<Versioned<Rollout>> rollouts();

  Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device);

  /** The progress of every device of {@code rollout}, sorted by device id. */
  List<Versioned<DeviceRolloutProgress>> progress(String rollout);

  /**
   * A page of {@link #progress(String)}: up to {@code limit} records of {@code rollout} whose device id
   * sorts after {@code after} ({@code null}: from the first), sorted by device id. For views that page
   * through a rollout of a million devices without reading them all (the dashboard's per-device table).
   * The default filters {@link #progress(String)}; stores override it to read only the page.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  default List<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId after, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    List<Versioned<DeviceRolloutProgress>> out = new java.util.ArrayList<>(Math.min(limit, 1024));
    for (Versioned<DeviceRolloutProgress> v : progress(rollout)) {
      if (out.size() == limit) {
        break;
      }
      if (after == null || v.value().device().compareTo(after) > 0) {
        out.add(v);
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** Up to {@code limit} events with a seq greater than {@code afterSeq}, oldest first. */
  List<FleetEvent> events(long afterSeq, int limit);

  /**
   * Applies the batch atomically.
   *
   * @throws io.biggerfleet.WriteConflictException if any record is not at the expected version;
   *     nothing was written
   */
  void write(WriteBatch batch);

  /** Releases resources (connections, files). The in-memory store has none. */
  @Override
  default void close() {}
}
