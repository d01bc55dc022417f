package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The state database's password: 32 random bytes (hex) in {@code store.key} in the state folder,
 * owner-only ({@code rw-------}), created at the first open. Two processes creating it at once agree on
 * one key (the file is linked into place only if it does not exist yet). Never printed.
 *
 * <p>One per open; not thread-safe.
 */
final class StateKey {
  static final String FILE = "store.key";
  private final Path file;
  private boolean existedBefore;

  private StateKey(Path file) {
    this.file = file;
  }

  static StateKey in(Path dir) {
    return new StateKey(dir.resolve(FILE).toAbsolutePath());
  }

  /** Whether the key was on file before {@link #readOrCreate()} (false: it was just made). */
  boolean existedBefore() {
    return existedBefore;
  }

  /** The key, made and stored first if there is none. */
  String readOrCreate() {
    existedBefore = Files.exists(file);
    if (!existedBefore) {
      create();
    }
    try {
      String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!key.matches("[0-9a-f]{64}")) {
        throw new FleetException(
            "The database key " + file + " is damaged (expected 64 hex digits). Restore it "
                + "from a backup; or, to start over with an empty fleet, move it and fleet.mv.db away");
      }
      return key;
    } catch (IOException e) {
      throw new FleetException("Cannot read the database key " + file + " ("
          + e.getClass().getSimpleName() + "); check the state folder's permissions");
    }
  }

  private void create() {
    Path dir = file.getParent();
    Path tmp = null;
    try {
      FileAttribute<?>[] attrs = StateFolderPermissions.posix(dir)
          ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(StateFolderPermissions.FILE)
          }
          : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, "." + FILE + ".", ".tmp", attrs);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        Files.move(tmp, file);
        tmp = null;
      }
    } catch (FileAlreadyExistsException e) {
      // another process made it first: use theirs
    } catch (IOException e) {
      throw StateProblem.notWritable(dir, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // owner-only temporary file in an owner-only folder
        }
      }
    }
  }
}
