package io.biggerfleet.bench.match;

/**
 * Helpers a developer would write by hand for the hand-written predicates (and that the CEL baseline
 * binds as custom functions): parse a size, compare two versions, hash a system id into a bucket.
 */
final class Baselines {
  private Baselines() {}

  /** {@code 512M} → bytes (powers of 1024); plain numbers are bytes. */
  static long sizeBytes(String s) {
    char unit = s.charAt(s.length() - 1);
    long mult;
    switch (unit) {
      case 'K':
        mult = 1L << 10;
        break;
      case 'M':
        mult = 1L << 20;
        break;
      case 'G':
        mult = 1L << 30;
        break;
      case 'T':
        mult = 1L << 40;
        break;
      default:
        return (long) Double.parseDouble(s);
    }
    return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * mult);
  }

  /** SemVer-ish: numeric parts, then a pre-release sorts before the release. */
  static int compareVersions(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    String[] x = (da < 0 ? a : a.substring(0, da)).split("\\.");
    String[] y = (db < 0 ? b : b.substring(0, db)).split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return p < q ? -1 : 1;
      }
    }
    if (da < 0 || db < 0) {
      return da < 0 && db < 0 ? 0 : da < 0 ? 1 : -1;
    }
    return a.substring(da + 1).compareTo(b.substring(db + 1));
  }

  /** The same stable bucket as {@code bucket(n)}: SplitMix64's finalizer, unsigned remainder. */
  static long bucket(long systemId, long n) {
    long z = systemId;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return Long.remainderUnsigned(z, n);
  }
}
