package io.biggerfleet.pantahub.sim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;

/** Ids, hashes, secrets and petnames. Thread-safe. Not API. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  /** Device nick rule of the real hub. */
  public static final Pattern NICK = Pattern.compile("^[a-zA-Z0-9_\\-+%]+$");

  private static final String[] ADVERBS = {
    "duly", "gladly", "mostly", "neatly", "rarely", "simply", "truly", "wildly"
  };
  private static final String[] ADJECTIVES = {
    "brave", "calm", "eager", "fancy", "happy", "jolly", "lucky", "proud"
  };
  private static final String[] ANIMALS = {"bat", "cat", "dog", "eel", "fox", "gnu", "owl", "yak"};

  private Ids() {}

  public static boolean isObjectId(String s) {
    return s != null && HEX24.matcher(s).matches();
  }

  public static boolean isSha(String s) {
    return s != null && HEX64.matcher(s).matches();
  }

  /** A stable 24-hex id derived from {@code key}. */
  public static String stableObjectId(String key) {
    return sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }

  /** A fresh random 24-hex id. */
  public static String newObjectId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256(data));
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random secret of {@code n} lowercase letters and digits. */
  public static String secret(int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A petname {@code adverb<sep>adjective<sep>animal}. */
  public static String petname(Random rnd, String sep) {
    return ADVERBS[rnd.nextInt(ADVERBS.length)]
        + sep
        + ADJECTIVES[rnd.nextInt(ADJECTIVES.length)]
        + sep
        + ANIMALS[rnd.nextInt(ANIMALS.length)];
  }

  /** A petname drawn from a secure random source. */
  public static String petname(String sep) {
    return petname(new Random(RANDOM.nextLong()), sep);
  }
}
