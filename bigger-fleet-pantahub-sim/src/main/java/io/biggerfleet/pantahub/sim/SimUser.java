package io.biggerfleet.pantahub.sim;

import java.util.Objects;

/**
 * A user account of the simulator: nick (also the login name), password and, once the simulator runs,
 * its account PRN. The password is never shown by {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimUser {
  private final String nick;
  private final String password;
  private final String prn;

  private SimUser(String nick, String password, String prn) {
    this.nick = nick;
    this.password = password;
    this.prn = prn;
  }

  /**
   * A user to create.
   *
   * @throws IllegalArgumentException when nick or password is blank
   */
  public static SimUser of(String nick, String password) {
    if (nick == null || nick.isBlank() || !nick.matches("[A-Za-z0-9_.\\-]+")) {
      throw new IllegalArgumentException(
          "user nick must be letters, digits, '.', '_' or '-', was '" + nick + "'");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("password of user '" + nick + "' must not be empty");
    }
    return new SimUser(nick, password, "");
  }

  SimUser withPrn(String prn) {
    return new SimUser(nick, password, prn);
  }

  public String nick() {
    return nick;
  }

  /** The password, for logging in from tests. */
  public String password() {
    return password;
  }

  /** The account PRN ({@code prn:::accounts:/<hex>}); empty until the simulator has started. */
  public String prn() {
    return prn;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimUser u
        && nick.equals(u.nick)
        && password.equals(u.password)
        && prn.equals(u.prn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nick, prn);
  }

  @Override
  public String toString() {
    return "SimUser[" + nick + (prn.isEmpty() ? "" : " " + prn) + "]";
  }
}
