package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One step of a trail. {@code state} and {@code meta} hold the stored form (U+FF2E keys); they are
 * never mutated in place (replaced wholesale), so one factory state may be shared by many trails.
 * Guarded by the hub lock. Not API.
 */
public final class StepRec {
  final TrailRec trail;
  final int rev;
  String committer;
  String commitMsg;
  ObjectNode state;
  String stateSha;
  ObjectNode progress;
  Instant stepTime;
  Instant progressTime;
  ObjectNode meta;
  List<String> usedObjects;
  final Instant created;
  Instant modified;

  StepRec(TrailRec trail, int rev, Instant created) {
    this.trail = trail;
    this.rev = rev;
    this.created = created;
    this.modified = created;
  }

  String id() {
    return trail.id + "-" + rev;
  }

  String status() {
    return progress.path("status").asText("");
  }
}
