package io.biggerfleet.pantahub.sim;

import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one device of a running simulator: hub id and PRN, nick, owner, whether it is online,
 * its running revision ({@code pantavisor.revision}) and its meta maps as the API shows them. The
 * device secret (for logging in as the device) is available but never shown by {@link #toString()}.
 *
 * <p>Immutable and thread-safe; take a new snapshot to see later changes.
 */
public final class SimDevice {
  private final String id;
  private final String nick;
  private final String ownerPrn;
  private final String secret;
  private final boolean online;
  private final int runningRevision;
  private final Map<String, String> userMeta;
  private final Map<String, String> deviceMeta;

  SimDevice(
      String id,
      String nick,
      String ownerPrn,
      String secret,
      boolean online,
      int runningRevision,
      Map<String, String> userMeta,
      Map<String, String> deviceMeta) {
    this.id = id;
    this.nick = nick;
    this.ownerPrn = ownerPrn;
    this.secret = secret;
    this.online = online;
    this.runningRevision = runningRevision;
    this.userMeta = Map.copyOf(userMeta);
    this.deviceMeta = Map.copyOf(deviceMeta);
  }

  /** The 24-hex device id (also its trail id). */
  public String id() {
    return id;
  }

  /** {@code prn:::devices:/<id>}, the login name of the device. */
  public String prn() {
    return "prn:::devices:/" + id;
  }

  public String nick() {
    return nick;
  }

  public String ownerPrn() {
    return ownerPrn;
  }

  /** The device secret (its password for {@code POST /auth/login}). */
  public String secret() {
    return secret;
  }

  public boolean online() {
    return online;
  }

  /** The revision the device runs. */
  public int runningRevision() {
    return runningRevision;
  }

  /** user-meta with dotted keys, values as text. */
  public Map<String, String> userMeta() {
    return userMeta;
  }

  /** device-meta with dotted keys, values as text. */
  public Map<String, String> deviceMeta() {
    return deviceMeta;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimDevice d
        && id.equals(d.id)
        && nick.equals(d.nick)
        && ownerPrn.equals(d.ownerPrn)
        && secret.equals(d.secret)
        && online == d.online
        && runningRevision == d.runningRevision
        && userMeta.equals(d.userMeta)
        && deviceMeta.equals(d.deviceMeta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, nick, runningRevision);
  }

  @Override
  public String toString() {
    return "SimDevice[" + id + " \"" + nick + "\" rev " + runningRevision
        + (online ? "" : " offline") + "]";
  }
}
