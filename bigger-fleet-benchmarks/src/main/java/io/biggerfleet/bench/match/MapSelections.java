package io.biggerfleet.bench.match;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Issue 20's six typical selections, each as a Bigger Fleet expression and as the predicate a careful
 * developer would write by hand over a {@code HashMap<String, String>}: no regex, no splitting, no
 * allocation. Both answer the same question (the benchmarks check the counts agree).
 */
final class MapSelections {
  /** One selection: its expression and its hand-written equivalent. */
  record Selection(String expression, Predicate<Map<String, String>> hand) {}

  static final Map<String, Selection> ALL = Map.of(
      "eq2",
          new Selection(
              "Manufacturer==\"Cisco\" Model==\"121XPs\"",
              m -> "Cisco".equals(m.get("Manufacturer")) && "121XPs".equals(m.get("Model"))),
      "inNot",
          new Selection(
              "Region in [\"eu-west\", \"eu-north\"] and not Model in [\"121XPs\", \"122XPs\"]",
              m -> isOneOf(m.get("Region"), "eu-west", "eu-north")
                  && !isOneOf(m.get("Model"), "121XPs", "122XPs")),
      "numeric",
          new Selection("Cores > 2", m -> {
            String c = m.get("Cores");
            return c != null && parseIntOr(c, Integer.MIN_VALUE) > 2;
          }),
      "prefix",
          new Selection("Device-Name like \"garden*\"", m -> {
            String n = m.get("Device-Name");
            return n != null && n.startsWith("garden");
          }),
      "tag",
          new Selection("Fleet-Tags contains canary", m -> hasItem(m.get("Fleet-Tags"), "canary")),
      "mix6",
          new Selection(
              "Manufacturer==\"Cisco\" and Region in [\"eu-west\", \"eu-north\"] and Cores >= 2"
                  + " and Device-Name like \"garden*\" and Fleet-Tags contains lab and Model != \"GS108\"",
              m -> "Cisco".equals(m.get("Manufacturer"))
                  && isOneOf(m.get("Region"), "eu-west", "eu-north")
                  && parseIntOr(m.get("Cores"), Integer.MIN_VALUE) >= 2
                  && startsWith(m.get("Device-Name"), "garden")
                  && hasItem(m.get("Fleet-Tags"), "lab")
                  && m.get("Model") != null
                  && !"GS108".equals(m.get("Model"))));

  private MapSelections() {}

  static boolean isOneOf(String v, String a, String b) {
    return v != null && (v.equals(a) || v.equals(b));
  }

  static boolean startsWith(String v, String prefix) {
    return v != null && v.startsWith(prefix);
  }

  static int parseIntOr(String s, int otherwise) {
    if (s == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** True if one comma-separated item of {@code list} (blanks trimmed) equals {@code item}. */
  static boolean hasItem(String list, String item) {
    if (list == null) {
      return false;
    }
    int start = 0;
    int n = list.length();
    while (start <= n) {
      int comma = list.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      int s = start;
      int e = end;
      while (s < e && list.charAt(s) == ' ') {
        s++;
      }
      while (e > s && list.charAt(e - 1) == ' ') {
        e--;
      }
      if (e - s == item.length() && list.regionMatches(s, item, 0, item.length())) {
        return true;
      }
      if (comma < 0) {
        return false;
      }
      start = comma + 1;
    }
    return false;
  }
}
