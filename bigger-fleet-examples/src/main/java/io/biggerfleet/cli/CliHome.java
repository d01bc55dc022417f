package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The CLI's state folder: {@code $BIGGER_FLEET_HOME}, else {@code ~/.bigger-fleet}. It holds the
 * config, the token file, the H2 store and its key, and is created owner-only (0700) so that nothing
 * inside is readable by others; an existing folder open to others is tightened by
 * {@link StateFolderPermissions} when a command first uses it.
 */
final class CliHome {
  static final String ENV = "BIGGER_FLEET_HOME";

  private final Path dir;

  private CliHome(Path dir) {
    this.dir = dir;
  }

  /** Resolves the folder from the environment (not created yet). */
  static CliHome from(Map<String, String> env) {
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return new CliHome(Path.of(override).toAbsolutePath());
    }
    return new CliHome(Path.of(System.getProperty("user.home"), ".bigger-fleet"));
  }

  Path dir() {
    return dir;
  }

  /** Creates the folder owner-only if it is missing and returns it. */
  Path ensure() {
    try {
      if (!Files.isDirectory(dir)) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new FleetException(
          "Cannot create the state folder " + dir + " (set " + ENV + " to use another): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
