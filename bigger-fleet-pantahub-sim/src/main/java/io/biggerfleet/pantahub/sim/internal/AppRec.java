package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;
import java.util.List;

/** A registered third-party app (secret kept as a hash). Guarded by the hub lock. Not API. */
final class AppRec {
  final String id;
  final String name;
  final String nick;
  final String type;
  final String owner;
  final List<String> redirectUris;
  /** Short scope ids, e.g. {@code devices.readonly}. */
  final List<String> scopes;

  final byte[] secretHash;
  final Instant created;

  AppRec(
      String id,
      String name,
      String nick,
      String type,
      String owner,
      List<String> redirectUris,
      List<String> scopes,
      byte[] secretHash,
      Instant created) {
    this.id = id;
    this.name = name;
    this.nick = nick;
    this.type = type;
    this.owner = owner;
    this.redirectUris = List.copyOf(redirectUris);
    this.scopes = List.copyOf(scopes);
    this.secretHash = secretHash;
    this.created = created;
  }

  String prn() {
    return "prn:pantahub.com:apis:/" + nick;
  }
}
