package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;

/** A personal access token (secret kept as a hash). Guarded by the hub lock. Not API. */
final class PatRec {
  final String id;
  final String name;
  final String type;
  final String owner;
  final String scopes;
  final Instant expireAt;
  final Instant created;
  final byte[] secretHash;
  boolean deleted;

  PatRec(
      String id,
      String name,
      String type,
      String owner,
      String scopes,
      Instant expireAt,
      Instant created,
      byte[] secretHash) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.owner = owner;
    this.scopes = scopes;
    this.expireAt = expireAt;
    this.created = created;
    this.secretHash = secretHash;
  }
}
