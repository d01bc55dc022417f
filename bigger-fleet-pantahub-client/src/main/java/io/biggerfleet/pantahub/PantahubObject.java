package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import io.biggerfleet.pantahub.internal.Mapping;
import java.util.Objects;

/**
 * An object (content-addressed blob) as Pantahub describes it: sha256, name, size, MIME type. Signed
 * URLs are not kept (they are credentials). Immutable and thread-safe.
 */
public final class PantahubObject {
  private final String sha256;
  private final String name;
  private final long size;
  private final String mimeType;

  PantahubObject(String sha256, String name, long size, String mimeType) {
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.name = name == null ? "" : name;
    this.size = size;
    this.mimeType = mimeType == null ? "" : mimeType;
  }

  static PantahubObject from(JsonNode o, String endpoint) {
    if (o == null || !o.isObject()) {
      throw Mapping.malformed(endpoint, "expected an object description");
    }
    String sha = o.path("sha256sum").asText(o.path("id").asText(""));
    if (sha.isEmpty()) {
      throw Mapping.malformed(endpoint, "object has neither 'sha256sum' nor 'id'");
    }
    long size =
        o.has("sizeint") ? o.get("sizeint").asLong() : parseSize(o.path("size").asText("0"));
    return new PantahubObject(
        sha, o.path("objectname").asText(""), size, o.path("mime-type").asText(""));
  }

  private static long parseSize(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The sha256 (64 hex). */
  public String sha256() {
    return sha256;
  }

  /** The object name (for step objects: the state key). */
  public String name() {
    return name;
  }

  /** Size in bytes, -1 if the hub sent none. */
  public long size() {
    return size;
  }

  public String mimeType() {
    return mimeType;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PantahubObject)) {
      return false;
    }
    PantahubObject p = (PantahubObject) o;
    return p.sha256.equals(sha256)
        && p.name.equals(name)
        && p.size == size
        && p.mimeType.equals(mimeType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sha256, name, size, mimeType);
  }

  @Override
  public String toString() {
    return "PantahubObject[" + name + " " + sha256 + " " + size + " bytes]";
  }
}
