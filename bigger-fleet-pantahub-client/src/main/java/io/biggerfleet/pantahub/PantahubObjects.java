package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Json;
import io.biggerfleet.pantahub.internal.Mapping;
import io.biggerfleet.pantahub.internal.Transport;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Pantahub objects ({@code /objects}): look one up by sha (to validate a change before posting it),
 * and upload new ones.
 *
 * <p>Upload = {@code POST /objects/} with name, sha256, size (as a decimal string) and MIME type, then
 * {@code PUT} of the bytes to the returned signed URL — sent <em>without</em> the Authorization header,
 * since the signed URL is its own credential and may point to another host. A 409 from the POST means
 * the hub already has the bytes (or linked a public copy): the upload is skipped.
 *
 * <p>Thread-safe. Errors: {@link PantahubException}s; a malformed sha is an
 * {@link io.biggerfleet.InvalidInputException}.
 */
public final class PantahubObjects {
  private final Transport transport;

  PantahubObjects(Transport transport) {
    this.transport = transport;
  }

  /** The object with this sha, if the user owns it ({@code GET /objects/{sha}}; 403/404 = absent). */
  public Optional<PantahubObject> get(String sha256) {
    PantahubTrails.checkSha(sha256);
    try {
      return Optional.of(PantahubObject.from(
          transport.json(Call.get("/objects/" + sha256)), "GET /objects/{sha}"));
    } catch (PantahubForbiddenException | PantahubNotFoundException e) {
      return Optional.empty();
    }
  }

  /** True if the object exists for the user, so a step may reference it. */
  public boolean exists(String sha256) {
    return get(sha256).isPresent();
  }

  /**
   * Uploads {@code bytes} as object {@code name} unless the hub already has them. Returns true if the
   * bytes were uploaded, false if the hub already had them (409).
   *
   * @throws PantahubException if the hub refuses the object or the upload (e.g. 400 on sha mismatch)
   */
  public boolean upload(String name, byte[] bytes, String mimeType) {
    Objects.requireNonNull(name, "object name");
    Objects.requireNonNull(bytes, "bytes");
    String sha = sha256(bytes);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("objectname", name);
    body.put("sha256sum", sha);
    body.put("size", Long.toString(bytes.length));
    body.put("mime-type", mimeType == null ? "application/octet-stream" : mimeType);
    Transport.Response r =
        transport.send(Call.post("/objects/", body).retrySafe().accept(409));
    if (r.status == 409) {
      return false;
    }
    JsonNode put = r.body == null ? null : r.body.get("signed-puturl");
    if (put == null || !put.isTextual() || put.asText().isEmpty()) {
      throw Mapping.malformed("POST /objects/", "no 'signed-puturl' for new object " + sha);
    }
    URI url;
    try {
      url = URI.create(put.asText());
    } catch (IllegalArgumentException e) {
      throw Mapping.malformed(
          "POST /objects/", "'signed-puturl' of object " + sha + " is not a URI");
    }
    int status = transport.putUnauthenticated(url, bytes, "object " + sha);
    if (status < 200 || status >= 300) {
      throw new PantahubException(
          "Upload of object " + name + " (" + sha + ") to its signed URL failed: HTTP " + status
              + (status == 400 ? " (the hub's sha256 check failed)" : ""),
          status,
          null,
          "PUT",
          "<signed url>",
          null);
    }
    return true;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 not available", e);
    }
  }

  @Override
  public String toString() {
    return "PantahubObjects";
  }
}
