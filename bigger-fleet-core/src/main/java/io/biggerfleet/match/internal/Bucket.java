package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.BuiltinAttributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.MatchNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code bucket(N) < k} and {@code bucket(N, "salt") == k}: a stable hash of the device's system id
 * (mixed with the salt) into {@code [0, N)}. The same device, N and salt always give the same bucket,
 * on every machine and JVM; different salts give independent cohorts.
 */
final class Bucket extends Node {
  private static final AttributeRef DEVICE_ID = AttributeRef.of(BuiltinAttributes.DEVICE_ID);

  private final long n;
  private final long saltHash;
  private final Op op;
  private final long literal;
  private final String call;

  Bucket(String text, String call, long n, String salt, Op op, long literal) {
    super(text);
    this.call = call;
    this.n = n;
    this.saltHash = salt == null ? 0 : fnv1a64(salt);
    this.op = op;
    this.literal = literal;
  }

  /** The bucket of {@code systemId} in {@code [0, n)} for a salt hash. */
  static long bucketOf(long systemId, long saltHash, long n) {
    return Long.remainderUnsigned(mix(systemId ^ saltHash), n);
  }

  /** SplitMix64's finalizer: spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The bucket, or -1 when there is no system id (attributes without a valid Device-Id). */
  private long bucket(Attributes a, Device d) {
    if (d != null) {
      return bucketOf(d.systemId(), saltHash, n);
    }
    String id = a.valueOrNull(BuiltinAttributes.DEVICE_ID);
    if (id == null || !DeviceId.isValid(id)) {
      return -1;
    }
    return bucketOf(Device.systemIdOf(DeviceId.parse(id)), saltHash, n);
  }

  @Override
  boolean test(Attributes a, Device d) {
    long b = bucket(a, d);
    return b >= 0 && op.holds(Long.compare(b, literal));
  }

  @Override
  Explanation explain(Attributes a, Device d) {
    long b = bucket(a, d);
    String observed =
        b < 0 ? call + " has no system id (no device, no valid Device-Id)" : call + " = " + b;
    return new Explanation(text, b >= 0 && op.holds(Long.compare(b, literal)), observed, List.of());
  }

  @Override
  MatchNode view() {
    return new MatchNode.Opaque(text, Set.of(DEVICE_ID), true, false);
  }

  @Override
  int cost() {
    return 5;
  }

  @Override
  void reads(Set<AttributeRef> out) {
    out.add(DEVICE_ID);
  }
}
