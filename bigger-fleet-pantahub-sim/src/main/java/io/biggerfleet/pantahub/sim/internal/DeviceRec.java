package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A device as stored by the hub plus its simulated agent. Meta maps hold the stored form (U+FF2E keys).
 * Guarded by the hub lock. Not API.
 */
public final class DeviceRec {
  final String id;
  final String prn;
  String nick;
  String owner;
  final String secret;
  String challenge = "";
  final Instant created;
  Instant modified;
  boolean isPublic;
  boolean garbage;
  ObjectNode userMeta;
  ObjectNode deviceMeta;
  /** Index in the scenario (for seeding), or -1 for devices registered over HTTP (not simulated). */
  final int simIndex;
  /** The simulated agent, or null for devices that are not simulated. */
  DeviceAgent agent;
  /** When the device was last seen, when offline; null while it is online (it polls all the time). */
  Instant offlineSince;

  DeviceRec(
      String id,
      String nick,
      String owner,
      String secret,
      Instant created,
      ObjectNode userMeta,
      ObjectNode deviceMeta,
      int simIndex) {
    this.id = id;
    this.prn = "prn:::devices:/" + id;
    this.nick = nick;
    this.owner = owner;
    this.secret = secret;
    this.created = created;
    this.modified = created;
    this.userMeta = userMeta;
    this.deviceMeta = deviceMeta;
    this.simIndex = simIndex;
  }

  @Override
  public String toString() {
    return "DeviceRec[" + id + " " + nick + "]";
  }
}
