package io.biggerfleet.spi;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 * <p>Every implementation must pass {@code FleetStoreContractTest} (artifact {@code bigger-fleet-testing}).
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
   * The progress records of those of {@code devices} that have one in {@code rollout}, keyed by device
   * (absent devices are left out): the reads of a changes-feed page in one call. Each record is as
   * {@link #progress(String, DeviceId)} would return it; the map is a snapshot, not sorted.
   *
   * <p>The default reads them one by one; the JDBC store reads hundreds per query.
   */
  default java.util.Map<DeviceId, Versioned<DeviceRolloutProgress>> progress(
      String rollout, java.util.Collection<DeviceId> devices) {
    java.util.Map<DeviceId, Versioned<DeviceRolloutProgress>> out = new java.util.HashMap<>();
    for (DeviceId d : devices) {
      progress(rollout, d).ifPresent(v -> out.put(d, v));
    }
    return out;
  }

  /**
   * A page of {@link #progress(String)}: up to {@code limit} records of {@code rollout} whose device id
   * sorts after {@code after} ({@code null}: from the first), sorted by device id. For views that page
   * through a rollout of a million devices without reading them all (the dashboard's per-device table).
   * The default filters {@link #progress(String)}; stores override it to read only the page.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  default List<Versioned<DeviceRolloutProgress>> progress(
      String rollout, @Nullable DeviceId after, int limit) {
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

  /**
   * Applies {@code batch} and creates a progress record for every element of {@code created}, all in
   * one atomic write: the bulk write of activating a rollout. It has exactly the effect of one
   * {@link #write} of {@code batch} with {@code putProgress(p, 0)} added for each element, but a store
   * may stream the records to its backing store in chunks as it iterates, so a caller that generates
   * them lazily (e.g. from arrays, as the rollout engine does) never holds a million records, nor a
   * million-entry {@link WriteBatch}, at once.
   *
   * <p>{@code created} is iterated once, on the calling thread, while the write is in progress; a store
   * may iterate it a second time only to name a conflicting record after a failure. Its records must
   * name distinct devices not named by progress writes of {@code batch}. If iterating throws, the
   * exception propagates and nothing is written.
   *
   * <p>The default builds one {@link WriteBatch} of everything and calls {@link #write}; the JDBC store
   * overrides it to stream (PostgreSQL {@code COPY}).
   *
   * @throws io.biggerfleet.WriteConflictException if a record of {@code batch} is not at its expected
   *     version or a created record exists already; nothing was written
   * @throws io.biggerfleet.InvalidInputException if {@code created} names a device twice (the store may
   *     report this as a {@link io.biggerfleet.WriteConflictException} instead); nothing was written
   */
  default void writeCreatingProgress(WriteBatch batch, Iterable<DeviceRolloutProgress> created) {
    WriteBatch.Builder all = WriteBatch.builder().addAll(batch);
    for (DeviceRolloutProgress p : created) {
      all.putProgress(p, 0);
    }
    write(all.build());
  }

  /** Releases resources (connections, files). The in-memory store has none. */
  @Override
  default void close() {}
}
