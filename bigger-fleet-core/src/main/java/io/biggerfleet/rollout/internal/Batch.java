package io.biggerfleet.rollout.internal;

import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.spi.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One atomic store write the engine is assembling: records, events and (as a fence) the rollout. */
final class Batch {
  final WriteBatch.Builder writes = WriteBatch.builder();
  final List<FleetEvent> events = new ArrayList<>();
  /** State changes in this batch, told to listeners after the write: rollout name and transition. */
  final List<Map.Entry<String, RolloutTransition>> transitions = new ArrayList<>();

  private final Instant now;
  private final String actor;
  int records;
  /** The partitions of the records put, when the engine partitions rollouts (else empty). */
  final java.util.BitSet partitions = new java.util.BitSet();

  private int partitionCount = 1;

  /** Tracks the partition of each record put, among {@code count} (1: not partitioned). */
  Batch partitioned(int count) {
    this.partitionCount = count;
    return this;
  }

  Batch(Instant now, String actor) {
    this.now = now;
    this.actor = actor;
  }

  Batch put(DeviceRolloutProgress p, long version) {
    writes.putProgress(p, version);
    records++;
    if (partitionCount > 1) {
      partitions.set(PartitionKeeper.of(p.device(), partitionCount));
    }
    return this;
  }

  Batch event(EventType type, String subject, String message) {
    FleetEvent e = FleetEvent.of(now, type, subject, actor, message);
    writes.appendEvent(e);
    events.add(e);
    return this;
  }

  Batch rollout(Rollout r, long version) {
    writes.putRollout(r, version);
    return this;
  }

  boolean isEmpty() {
    return records == 0 && events.isEmpty();
  }
}
