package io.biggerfleet.match.internal;

/** Quotes text for messages and explanations, escaping quotes, backslashes and control characters. */
final class Quote {
  private Quote() {}

  static String of(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    int limit = Math.min(s.length(), 200);
    if (limit > 0 && limit < s.length() && Character.isHighSurrogate(s.charAt(limit - 1))) {
      limit--; // never cut an emoji in half
    }
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > limit) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
