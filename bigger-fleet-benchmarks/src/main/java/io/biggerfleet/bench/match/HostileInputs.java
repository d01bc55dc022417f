package io.biggerfleet.bench.match;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of match expressions as an attacker would write them, for {@link MatchFuzz}: random
 * text, random token soup, mutations of valid expressions, and targeted shapes that once broke the
 * engine (issue 19): long repeated units, regexes with nested counted repeats and empty groups, globs
 * of stars, deep nesting around the depth limit, lists with duplicates, characters outside the BMP,
 * numbers with blanks. The same seed gives the same sequence. Not thread-safe.
 */
final class HostileInputs {
  static final List<String> SEEDS = List.of(
      "Manufacturer==\"Cisco\" Model==\"121XPs\"",
      "Mem >= 64M and Kernel > 4.9.3 or not (Model in [a, 'b', 3])",
      "Fleet-Tags contains canary && Device-Name like \"garden*\" || Device-Name matches \"^gw-\\\\d+$\"",
      "bucket(100, \"r1\") < 10 and age(Last-Seen) < 12h and exists(system:`Serial No`)",
      "Device-Location within 50km of (43.54,-76.12) and Last-Seen > 2026-01-01T00:00:00Z",
      "!(registry:Model != x) and Online == true and Kernel not in [4.9.3, 4.10.0-rc.1]",
      "s contains[\"x\",x] or Fleet-Tags contains [canary, canary] and Region in [eu, eu, \"eu\"]",
      "N =~ '(?:($){3}){10}' or Model=~'((){10}){10}' or N like \"*?*\" and Uptime > \"1h30m\"",
      "age(Last-Seen) > \"12h\" and Load > 0.5 and Kernel >= \"4.10.0\" and N == \"\uD83D\uDCA5\"");

  static final List<String> FRAGMENTS = List.of(
      "(",
      ")",
      "[",
      "]",
      ",",
      ":",
      "==",
      "!=",
      "<",
      "<=",
      ">",
      ">=",
      "=~",
      "!",
      "&&",
      "||",
      "and",
      "or",
      "not",
      "in",
      "contains",
      "like",
      "matches",
      "exists",
      "within",
      "of",
      "true",
      "false",
      "bucket(",
      "age(",
      "\"",
      "'",
      "`",
      "\\",
      "64Q",
      "4..1",
      "1e9",
      "-",
      ".",
      "*",
      "km",
      "\n",
      "\t",
      "\u0000",
      "é",
      "\uD83D\uDCA5",
      "Model",
      "system:",
      "2026-02-30",
      "99999999999999999999",
      "1h1h1h1h",
      "{1000}",
      "{3}",
      "(?:",
      "($)",
      "()",
      "{100}",
      "\\u00",
      "\\uD83D",
      "**",
      "?",
      "[x,x]",
      "\u3000",
      "0.7\n",
      "PT12H",
      "v4.10",
      "-0",
      "+");

  private static final String REGEX_ATOMS = "a.$^()|?*+\\d[x]";

  private final SplittableRandom random;

  HostileInputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next input; the kind is chosen at random, each kind about equally often. */
  String next() {
    switch (random.nextInt(8)) {
      case 0:
        return randomText(random.nextInt(60));
      case 1:
        return tokenSoup(random.nextInt(16));
      case 2:
      case 3:
        return mutate(pick(SEEDS), 1 + random.nextInt(4));
      case 4:
        return regexTerm();
      case 5:
        return repeatedUnits();
      case 6:
        return nesting();
      default:
        return lists();
    }
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private String randomText(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(20);
      if (kind == 0) {
        b.appendCodePoint(random.nextInt(0x10FFFF + 1));
      } else if (kind == 1) {
        b.append("\n\t\u3000\u00a0".charAt(random.nextInt(4)));
      } else {
        b.append((char) (' ' + random.nextInt(95)));
      }
    }
    return b.toString();
  }

  private String tokenSoup(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : random.nextBoolean() ? " " : "").append(pick(FRAGMENTS));
    }
    return b.toString();
  }

  private String mutate(String s, int times) {
    for (int k = 0; k < times; k++) {
      int at = random.nextInt(s.length() + 1);
      int to = Math.min(s.length(), at + random.nextInt(8));
      String f = pick(FRAGMENTS);
      switch (random.nextInt(5)) {
        case 0:
          s = s.substring(0, at) + f + s.substring(at);
          break;
        case 1:
          s = s.substring(0, at) + s.substring(to);
          break;
        case 2:
          s = s.substring(0, at) + f + s.substring(to);
          break;
        case 3:
          s = s.substring(0, at) + " " + s.substring(0, to) + s.substring(at);
          break;
        default:
          s = s.substring(0, at)
              + s.substring(at, to).repeat(2 + random.nextInt(50))
              + s.substring(to);
      }
      if (s.length() > 4000) {
        s = s.substring(0, 4000);
      }
    }
    return s;
  }

  /** A regex of random atoms with nested groups and counted repeats, sometimes huge, in a matches term. */
  private String regexTerm() {
    StringBuilder re = new StringBuilder();
    int parts = 1 + random.nextInt(12);
    int open = 0;
    for (int i = 0; i < parts; i++) {
      int kind = random.nextInt(6);
      if (kind == 0 && open < 200) {
        re.append(random.nextBoolean() ? "(" : "(?:");
        open++;
      } else if (kind == 1 && open > 0) {
        re.append(')');
        open--;
      } else if (kind == 2) {
        int n = random.nextInt(4) == 0 ? random.nextInt(2000) : random.nextInt(12);
        re.append('{')
            .append(n)
            .append(random.nextBoolean() ? "}" : "," + (n + random.nextInt(5)) + "}");
      } else {
        re.append(REGEX_ATOMS.charAt(random.nextInt(REGEX_ATOMS.length())));
      }
    }
    if (random.nextBoolean()) {
      re.append(")".repeat(open));
    }
    if (random.nextInt(5) == 0) { // wrap it in more counted repeats
      int levels = 1 + random.nextInt(4);
      re.insert(0, "(?:".repeat(levels));
      for (int i = 0; i < levels; i++) {
        re.append("){").append(1 + random.nextInt(1000)).append('}');
      }
    }
    String attr = random.nextBoolean() ? "N" : "Model";
    return random.nextInt(4) == 0 ? attr + " like \"" + re + "\"" : attr + " =~ '" + re + "'";
  }

  /** {@code a > 1h1h1h...}, {@code "1m1m..."}, long sizes and versions. */
  private String repeatedUnits() {
    String[] units = {"1h", "1m", "30s", "1.5", "9", "1.", "-1h", "0"};
    String body = units[random.nextInt(units.length)].repeat(1 + random.nextInt(1500));
    String op = random.nextBoolean() ? ">" : "==";
    String tail = random.nextInt(3) == 0 ? "M" : random.nextInt(3) == 0 ? "ms" : "";
    return random.nextBoolean()
        ? "a " + op + " " + body + tail
        : "age(Last-Seen) " + op + " \"" + body + tail + "\"";
  }

  /** Parentheses, brackets and nots around the depth limit. */
  private String nesting() {
    int depth = random.nextInt(70);
    String[] opens = {"(", "!(", "not (", "!", "((", "[("};
    String open = opens[random.nextInt(opens.length)];
    String core = pick(SEEDS);
    return open.repeat(depth) + core + ")".repeat(depth * (random.nextInt(3) == 0 ? 1 : 2) / 2);
  }

  /** Lists with duplicates, mixed kinds, trailing commas, sometimes very long. */
  private String lists() {
    String[] items = {
      "x",
      "x",
      "\"x\"",
      "'x'",
      "5",
      "5",
      "4.10.0",
      "canary",
      "canary",
      "\"\"",
      "64M",
      "12h",
      "\uD83D\uDCA5",
      "true"
    };
    int n = random.nextInt(4) == 0 ? random.nextInt(1200) : random.nextInt(6);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(items[random.nextInt(items.length)]);
    }
    b.append(random.nextBoolean() ? ",]" : "]");
    String[] ops = {"s contains", "Fleet-Tags contains", "a in", "Model not in", "Kernel in"};
    return ops[random.nextInt(ops.length)] + b;
  }
}
