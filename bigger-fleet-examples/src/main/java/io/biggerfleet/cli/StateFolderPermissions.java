package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the state folder and its files owner-only: the folder {@code rwx------}, the files
 * {@code rw-------}. H2 creates its files with the process's umask (often 0644); the folder may
 * have been created by hand with 0755. Without POSIX permissions (Windows) nothing is changed.
 * Stateless and thread-safe.
 */
final class StateFolderPermissions {
  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_EXECUTE);

  private StateFolderPermissions() {}

  static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Makes an existing folder owner-only; returns the permissions it had when they were wider.
   *
   * @throws FleetException if it is open to others and cannot be changed (not the owner)
   */
  static Optional<String> tightenFolder(Path dir) {
    if (!posix(dir) || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      if (perms.stream().noneMatch(OTHERS::contains)) {
        return Optional.empty();
      }
      Files.setPosixFilePermissions(dir, DIR);
      return Optional.of(PosixFilePermissions.toString(perms));
    } catch (IOException | SecurityException e) {
      throw new FleetException(
          "The state folder " + dir + " is open to other users and could not be made "
              + "owner-only (" + e.getClass().getSimpleName() + "); run: chmod 700 '" + dir
              + "' (as its owner), or set "
              + CliHome.ENV + " to a folder of your own");
    }
  }

  /** Makes every file directly in {@code dir} owner-only (best effort: a file we do not own is left). */
  static void tightenFiles(Path dir) {
    if (!posix(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        try {
          if (Files.isRegularFile(f)
              && Files.getPosixFilePermissions(f).stream().anyMatch(OTHERS::contains)) {
            Files.setPosixFilePermissions(f, FILE);
          }
        } catch (IOException | SecurityException e) {
          // not ours or gone (H2 removes its lock file on close); the folder itself is owner-only
        }
      }
    } catch (IOException e) {
      // listing failed: the folder is owner-only, which is what protects the files
    }
  }
}
