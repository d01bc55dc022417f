package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.FleetException;
import io.biggerfleet.pantahub.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TokenStore} in one JSON file, shaped like pvr's {@code ~/.pvr/auth.json}:
 * {@code {"spec":"1","tokens":{"<hub>":{"access-token":"<jwt>"}}}}.
 *
 * <p>Security: the file is created owner-only ({@code rw-------}) and its directory, when the store
 * creates it, {@code rwx------}; every save writes a new owner-only temporary file in the same
 * directory and moves it over the old one atomically ({@code ATOMIC_MOVE}), so a reader never sees a
 * half-written file and the permissions never loosen. On file systems without POSIX permissions the
 * file is still written atomically and the JVM's defaults apply (documented limitation).
 *
 * <p>Thread-safe within one JVM (methods are synchronized); across processes the last writer wins.
 * Errors ({@link FleetException}) name the file but never its content.
 */
public final class FileTokenStore implements TokenStore {
  private static final Set<PosixFilePermission> FILE_PERMS =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_PERMS =
      PosixFilePermissions.fromString("rwx------");
  private final Path file;

  private FileTokenStore(Path file) {
    this.file = file;
  }

  /** A store in {@code file} (created at the first save). */
  public static FileTokenStore at(Path file) {
    return new FileTokenStore(Objects.requireNonNull(file, "token file").toAbsolutePath());
  }

  /** The file this store uses. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized Optional<AccessToken> load(String hub) {
    Objects.requireNonNull(hub, "hub");
    JsonNode token = read().path("tokens").path(hub).path("access-token");
    if (!token.isTextual() || token.asText().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(AccessToken.of(token.asText()));
    } catch (IllegalArgumentException e) {
      throw new FleetException("Token file " + file + " holds a malformed token for " + hub);
    }
  }

  @Override
  public synchronized void save(String hub, AccessToken token) {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(token, "token");
    ObjectNode root = read();
    root.put("spec", "1");
    ObjectNode tokens = root.withObjectProperty("tokens");
    tokens.putObject(hub).put("access-token", token.value());
    write(root);
  }

  @Override
  public synchronized void remove(String hub) {
    Objects.requireNonNull(hub, "hub");
    ObjectNode root = read();
    JsonNode tokens = root.get("tokens");
    if (tokens instanceof ObjectNode && tokens.has(hub)) {
      ((ObjectNode) tokens).remove(hub);
      write(root);
    }
  }

  private ObjectNode read() {
    if (!Files.exists(file)) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (n instanceof ObjectNode) {
        JsonNode tokens = n.get("tokens");
        if (tokens == null || tokens instanceof ObjectNode) {
          return (ObjectNode) n;
        }
      }
      throw new FleetException("Token file " + file
          + " is damaged: not a token store (expected {\"spec\":\"1\",\"tokens\":{...}})");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new FleetException(
          "Token file " + file + " is damaged: not valid JSON (" + e.getClass().getSimpleName()
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")",
          e);
    } catch (IOException e) {
      throw new FleetException(
          "Cannot read token file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private void write(ObjectNode root) {
    Path dir = file.getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    Path tmp = null;
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
          Files.createDirectories(dir);
        }
      }
      FileAttribute<?>[] attrs = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)}
          : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attrs);
      Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new FleetException(
          "Cannot write token file " + file + ": " + e.getClass().getSimpleName(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is owner-only
        }
      }
    }
  }

  /** Lists the hubs with a stored token (for diagnostics; never the tokens). */
  public synchronized Set<String> hubs() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (Map.Entry<String, JsonNode> e : read().path("tokens").properties()) {
      out.add(e.getKey());
    }
    return out;
  }

  @Override
  public String toString() {
    return "FileTokenStore[" + file + "]";
  }
}
