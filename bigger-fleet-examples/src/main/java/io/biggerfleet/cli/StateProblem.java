package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns what H2 reports when the state database cannot be opened into one line that names the file,
 * says what is wrong and how to get out of it. The database file itself is never deleted or changed
 * here. Stateless.
 */
final class StateProblem {
  static final int WRONG_USER_OR_PASSWORD = 28000;
  static final int ERROR_OPENING_DATABASE = 8000;
  static final int DATABASE_ALREADY_OPEN = 90020;
  static final int IO_EXCEPTION_1 = 90028;
  static final int FILE_CORRUPTED = 90030;
  static final int IO_EXCEPTION_2 = 90031;
  static final int FILE_VERSION_ERROR = 90048;
  static final int FILE_CREATION_FAILED = 90062;
  static final int CONNECTION_BROKEN = 90067;
  static final int DATABASE_IS_READ_ONLY = 90097;

  private StateProblem() {}

  /** True for the passing states of a file shared between processes: another one is opening or closing it. */
  static boolean retryable(SQLException e) {
    int code = e.getErrorCode();
    return code == DATABASE_ALREADY_OPEN
        || code == CONNECTION_BROKEN
        || code == ERROR_OPENING_DATABASE
        || code == IO_EXCEPTION_1 && text(e).contains("connection refused");
  }

  static FleetException of(Throwable t, Path file, Path dir) {
    String what = text(t);
    int code = t instanceof SQLException ? ((SQLException) t).getErrorCode() : 0;
    if (code == DATABASE_ALREADY_OPEN
        || code == CONNECTION_BROKEN
        || code == ERROR_OPENING_DATABASE) {
      return new FleetException(
          "The state database " + file + " stayed in use by another process for "
              + StateDatabase.RETRY_FOR_MILLIS / 1000
              + " s (H2: database already in use). Let that command finish or "
              + "stop it, then try again; nothing was changed",
          t);
    }
    if (code == WRONG_USER_OR_PASSWORD) {
      return new FleetException(
          "The state database " + file + " does not accept the key in " + dir.resolve(StateKey.FILE)
              + " (was the key replaced, or the database copied from another folder?). Put back the matching "
              + StateKey.FILE + "; or, to start over with an empty fleet, move fleet.mv.db and "
              + StateKey.FILE + " away",
          t);
    }
    if (code == DATABASE_IS_READ_ONLY
        || code == FILE_CREATION_FAILED
        || what.contains("accessdenied")
        || what.contains("permission denied")
        || what.contains("read-only")
        || what.contains("read only")
        || what.contains("readonly")) {
      return notWritable(dir, t);
    }
    if (code == FILE_CORRUPTED
        || code == FILE_VERSION_ERROR
        || what.contains("corrupt")
        || what.contains("file header")
        || what.contains("chunk")) {
      return damaged(file, dir, t);
    }
    if ((code == IO_EXCEPTION_1 || code == IO_EXCEPTION_2)
        && java.nio.file.Files.isReadable(file)) {
      return damaged(
          file, dir, t); // the file is there and readable, but H2 cannot read it: truncated
    }
    if (code == IO_EXCEPTION_1 || code == IO_EXCEPTION_2) {
      return new FleetException(
          "Cannot open the state database " + file + ": " + firstLine(t) + ". It was left as it"
              + " is; check the disk and the folder's permissions",
          t);
    }
    return new FleetException("Cannot open the state database " + file + ": " + firstLine(t), t);
  }

  static FleetException damaged(Path file, Path dir, Throwable t) {
    return new FleetException(
        "The state database " + file + " is damaged (" + firstLine(t) + "). It was left as it "
            + "is. To recover what it holds: java -cp <bigger-fleet.jar> org.h2.tools.Recover -dir '"
            + dir
            + "' -db fleet; to start over with an empty fleet: mv '" + file + "' '" + file
            + ".damaged' and run "
            + "bigger-fleet add-devices again",
        t);
  }

  static FleetException notWritable(Path dir, Throwable t) {
    return new FleetException(
        "The state folder " + dir + " cannot be written (" + firstLine(t) + "); make it "
            + "writable (chmod u+rwx '" + dir + "') or set " + CliHome.ENV + " to another folder",
        t);
  }

  /** The first line of the message, without H2's long suffixes, at most 160 characters. */
  static String firstLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    m = m.lines().findFirst().orElse("").strip();
    int bracket = m.lastIndexOf(" [");
    if (bracket > 0 && m.endsWith("]")) {
      m = m.substring(0, bracket);
    }
    // H2 quotes the file we already name, and calls every read error an "IO Exception"
    m = m.replaceAll(":? ?\"[^\"]*\"\\.?", "")
        .replace("IO Exception", "read error")
        .replace("Possible solution: use the recovery tool", "")
        .strip();
    if (m.endsWith(":") || m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    return TerminalText.cutMiddle(TerminalText.line(m), 160);
  }

  private static String text(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getSimpleName()).append(' ').append(c.getMessage()).append(' ');
      if (c instanceof IOException
          && c.getClass().getSimpleName().equals("AccessDeniedException")) {
        b.append("accessdenied ");
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
