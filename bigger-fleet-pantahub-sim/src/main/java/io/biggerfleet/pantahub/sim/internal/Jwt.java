package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the simulator's JWTs: RS256 for access tokens (like the real hub) and HS256 for
 * signed object URLs, cursors and codes (HMAC key per simulator instance). Thread-safe. Not API.
 */
public final class Jwt {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String RS_HEADER =
      B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private static final String HS_HEADER =
      B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final KeyPair rsa = RsaKey.PAIR;
  private final byte[] hmacKey = new byte[32];

  /**
   * One RSA key pair per JVM: generating a 2048-bit key takes 0.3-2 s on a busy machine, and test
   * suites start many simulators. (So a token of one simulator verifies in another of the same JVM.)
   */
  private static final class RsaKey {
    static final KeyPair PAIR = generate();

    private static KeyPair generate() {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public Jwt() {
    new SecureRandom().nextBytes(hmacKey);
  }

  /** An RS256 token for {@code claims}. */
  public String sign(ObjectNode claims) {
    String input = RS_HEADER + "." + B64.encodeToString(Json.compact(claims));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(rsa.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of an RS256 token signed here, or null if it is malformed or not ours. */
  public ObjectNode verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(RS_HEADER)) {
      return null;
    }
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(rsa.getPublic());
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(B64D.decode(parts[2]))) {
        return null;
      }
      return payload(parts[1]);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** An HS256 token (signed URLs, auth codes). */
  public String signHs(ObjectNode claims) {
    String input = HS_HEADER + "." + B64.encodeToString(Json.compact(claims));
    return input + "." + B64.encodeToString(hmac(input));
  }

  /** The claims of an HS256 token signed here, or null. */
  public ObjectNode verifyHs(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HS_HEADER)) {
      return null;
    }
    try {
      byte[] expected = hmac(parts[0] + "." + parts[1]);
      if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
        return null;
      }
      return payload(parts[1]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] hmac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode payload(String part) {
    JsonNode n = Json.parseOrNull(B64D.decode(part));
    return n instanceof ObjectNode ? (ObjectNode) n : null;
  }
}
