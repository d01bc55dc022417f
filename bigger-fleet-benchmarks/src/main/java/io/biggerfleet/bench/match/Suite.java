package io.biggerfleet.bench.match;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The benchmark suite: each entry is the same question asked three ways — as a Bigger Fleet match
 * expression, as a CEL expression (over {@code attrs}, a map view of the attributes, and {@code sid},
 * the system id), and as a hand-written Java predicate using the public {@link Attributes} API the way
 * an application developer would write it.
 */
final class Suite {
  record Entry(String bigFleet, String cel, Predicate<Device> handWritten) {}

  private static final Set<String> EU = Set.of("eu-west", "eu-north");
  private static final Set<String> OLD_MODELS = Set.of("121XPs", "122XPs");
  private static final Pattern GW = Pattern.compile("^gw-[0-9]+$");

  static final Map<String, Entry> ENTRIES = Map.of(
      "eqAnd",
          new Entry(
              "Manufacturer==\"Cisco\" Model==\"121XPs\"",
              "attrs.Manufacturer == 'Cisco' && attrs.Model == '121XPs'",
              d -> {
                Attributes a = d.attributes();
                return "Cisco".equals(a.valueOrNull("Manufacturer"))
                    && "121XPs".equals(a.valueOrNull("Model"));
              }),
      "inNot",
          new Entry(
              "Region in [\"eu-west\", \"eu-north\"] and not Model in [\"121XPs\", \"122XPs\"]",
              "attrs.Region in ['eu-west', 'eu-north'] && !(attrs.Model in ['121XPs', '122XPs'])",
              d -> {
                Attributes a = d.attributes();
                String region = a.valueOrNull("Region");
                String model = a.valueOrNull("Model");
                return region != null
                    && EU.contains(region)
                    && !(model != null && OLD_MODELS.contains(model));
              }),
      "numericSize",
          new Entry(
              "Mem >= 512M and Cores > 2",
              "size_bytes(attrs.Mem) >= 536870912.0 && int(attrs.Cores) > 2",
              d -> {
                Attributes a = d.attributes();
                String mem = a.valueOrNull("Mem");
                String cores = a.valueOrNull("Cores");
                return mem != null
                    && cores != null
                    && Baselines.sizeBytes(mem) >= 512L * 1024 * 1024
                    && Integer.parseInt(cores) > 2;
              }),
      "version",
          new Entry(
              "Kernel >= 4.10.0 and Kernel < 5.4.0",
              "version_cmp(attrs.Kernel, '4.10.0') >= 0 && version_cmp(attrs.Kernel, '5.4.0') < 0",
              d -> {
                String k = d.attributes().valueOrNull("Kernel");
                return k != null
                    && Baselines.compareVersions(k, "4.10.0") >= 0
                    && Baselines.compareVersions(k, "5.4.0") < 0;
              }),
      "nameGlobRegex",
          new Entry(
              "Device-Name like \"garden*\" or Device-Name matches \"^gw-[0-9]+$\"",
              "attrs['Device-Name'].startsWith('garden') || attrs['Device-Name'].matches('^gw-[0-9]+$')",
              d -> {
                String n = d.attributes().valueOrNull("Device-Name");
                return n != null && (n.startsWith("garden") || GW.matcher(n).find());
              }),
      "tagContains",
          new Entry(
              "Fleet-Tags contains canary",
              "'Fleet-Tags' in attrs && 'canary' in attrs['Fleet-Tags'].split(', ')",
              d -> d.attributes().items("Fleet-Tags").contains("canary")),
      "mix6",
          new Entry(
              "Manufacturer==\"Cisco\" and Mem >= 256M and Kernel >= 4.9.0 and Fleet-Tags contains lab"
                  + " and Device-Name like \"garden*\" and bucket(100) < 50",
              "attrs.Manufacturer == 'Cisco' && size_bytes(attrs.Mem) >= 268435456.0"
                  + " && version_cmp(attrs.Kernel, '4.9.0') >= 0"
                  + " && 'Fleet-Tags' in attrs && 'lab' in attrs['Fleet-Tags'].split(', ')"
                  + " && attrs['Device-Name'].startsWith('garden') && bucket(sid, 100) < 50",
              d -> {
                Attributes a = d.attributes();
                String mem = a.valueOrNull("Mem");
                String kernel = a.valueOrNull("Kernel");
                String name = a.valueOrNull("Device-Name");
                return "Cisco".equals(a.valueOrNull("Manufacturer"))
                    && mem != null
                    && Baselines.sizeBytes(mem) >= 256L * 1024 * 1024
                    && kernel != null
                    && Baselines.compareVersions(kernel, "4.9.0") >= 0
                    && a.items("Fleet-Tags").contains("lab")
                    && name != null
                    && name.startsWith("garden")
                    && Baselines.bucket(d.systemId(), 100) < 50;
              }));

  private Suite() {}
}
