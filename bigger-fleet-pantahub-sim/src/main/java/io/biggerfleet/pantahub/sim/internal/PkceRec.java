package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;
import java.util.Set;

/** One PKCE authorization (code = id), valid 300 s, single use. Guarded by the hub lock. Not API. */
final class PkceRec {
  final String id;
  final String clientId;
  final String redirectUri;
  final String challenge;
  final String scope;
  final String state;
  final Instant expires;
  /** Set once the user consented. */
  String userPrn;
  /** Devices the user entrusted on the consent page (empty = all). */
  Set<String> devices = Set.of();

  PkceRec(
      String id,
      String clientId,
      String redirectUri,
      String challenge,
      String scope,
      String state,
      Instant expires) {
    this.id = id;
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.challenge = challenge;
    this.scope = scope;
    this.state = state;
    this.expires = expires;
  }
}
