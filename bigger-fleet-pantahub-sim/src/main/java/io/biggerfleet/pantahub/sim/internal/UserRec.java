package io.biggerfleet.pantahub.sim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/** A user account. Guarded by the hub lock. The password is kept only as a salted hash. Not API. */
public final class UserRec {
  final String nick;
  final String email;
  final String prn;
  final String roles;
  final Instant created;
  private final byte[] salt;
  private final byte[] passwordHash;

  UserRec(String nick, String email, String prn, String roles, String password, Instant created) {
    this.nick = nick;
    this.email = email;
    this.prn = prn;
    this.roles = roles;
    this.created = created;
    this.salt = Ids.newObjectId().getBytes(StandardCharsets.US_ASCII);
    this.passwordHash = hash(salt, password);
  }

  boolean passwordMatches(String password) {
    return password != null && MessageDigest.isEqual(passwordHash, hash(salt, password));
  }

  static byte[] hash(byte[] salt, String password) {
    byte[] p = password.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[salt.length + p.length];
    System.arraycopy(salt, 0, all, 0, salt.length);
    System.arraycopy(p, 0, all, salt.length, p.length);
    return Ids.sha256(all);
  }

  @Override
  public String toString() {
    return "UserRec[" + nick + "]";
  }
}
