package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;

/** A content-addressed object of one owner. Guarded by the hub lock. Not API. */
public final class ObjectRec {
  final String sha;
  final String storageId;
  final String owner;
  String objectName;
  String size;
  long sizeInt;
  String mimeType;
  final Instant created;
  Instant modified;
  /** The uploaded bytes, or null until uploaded. */
  byte[] data;

  ObjectRec(String sha, String owner, Instant created) {
    this.sha = sha;
    this.owner = owner;
    this.storageId =
        Ids.sha256Hex((owner + "/" + sha).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    this.created = created;
    this.modified = created;
  }
}
