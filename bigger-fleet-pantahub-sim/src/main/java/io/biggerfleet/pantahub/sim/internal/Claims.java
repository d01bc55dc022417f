package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verified claims of a caller's token. Immutable. Not API.
 */
public final class Claims {
  /** Full PRN prefix of scope ids. */
  public static final String SCOPE_PREFIX = "prn:pantahub.com:apis:/base/";

  private final ObjectNode node;
  private final Set<String> scopes;

  /** Wraps verified claims; the node must not be changed afterwards (it is shared with the token cache). */
  public Claims(ObjectNode node) {
    this.node = node;
    this.scopes = Arrays.stream(text("scopes").split(" "))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  public String text(String name) {
    JsonNode n = node.get(name);
    return n == null || n.isNull() ? "" : n.asText();
  }

  public String type() {
    return text("type");
  }

  public String prn() {
    return text("prn");
  }

  /** The owner whose resources this caller acts on: the device's owner for DEVICE tokens, else prn. */
  public String ownerPrn() {
    return isDevice() ? text("owner") : prn();
  }

  public boolean isDevice() {
    return "DEVICE".equals(type());
  }

  public boolean isUserOrSession() {
    return "USER".equals(type()) || "SESSION".equals(type());
  }

  /** Device id of a DEVICE token. */
  public String deviceId() {
    String p = prn();
    int i = p.lastIndexOf('/');
    return i < 0 ? p : p.substring(i + 1);
  }

  /** Whether any of {@code shortIds} (e.g. "devices.readonly") is among the token's scopes. */
  public boolean hasAnyScope(Set<String> shortIds) {
    for (String s : shortIds) {
      if (scopes.contains(SCOPE_PREFIX + s)) {
        return true;
      }
    }
    return false;
  }

  public ObjectNode node() {
    return node.deepCopy();
  }

  /** Never shows claim values; tokens stand for their bearers. */
  @Override
  public String toString() {
    return "Claims[type=" + type() + "]";
  }
}
