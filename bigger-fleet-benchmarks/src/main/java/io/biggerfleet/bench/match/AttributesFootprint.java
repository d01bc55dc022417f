package io.biggerfleet.bench.match;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;

/**
 * Measures the heap taken per device by the synthetic fleet: whole {@link Device}s, then their
 * {@link Attributes} alone (the representation the match engine reads), by heap usage after full
 * GCs. Run: {@code java -Xmx4g -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.match.AttributesFootprint [devices]}.
 */
public final class AttributesFootprint {
  private AttributesFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    long base = used();
    Device[] devices = SyntheticFleet.devices(n, 42);
    long withDevices = used();
    Attributes[] attributes = new Attributes[n];
    long entries = 0;
    for (int i = 0; i < n; i++) {
      attributes[i] = devices[i].attributes();
      entries += attributes[i].size();
    }
    devices = null;
    long withAttributes =
        used() - 4L * n; // minus the Attributes[] array itself (4-byte compressed references)
    System.out.printf("devices: %d, attribute entries per device: %.1f%n", n, (double) entries / n);
    System.out.printf(
        "Device (all fields, attributes included): %.0f bytes/device%n",
        (double) (withDevices - base) / n);
    System.out.printf(
        "Attributes alone (arrays + value strings): %.0f bytes/device%n",
        (double) (withAttributes - base) / n);
    // Names and sources arrays are shared by devices with the same attribute names
    // (Attributes.Builder),
    // so a device owns its object and its values array.
    System.out.printf(
        "  of which the object and its values array: ~%.0f bytes/device%n",
        24 + 16 + 4 * (double) entries / n);
    if (attributes[n - 1] == null) {
      throw new AssertionError();
    }
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
