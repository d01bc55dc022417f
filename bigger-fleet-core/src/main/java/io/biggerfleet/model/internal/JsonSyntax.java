package io.biggerfleet.model.internal;

/**
 * A strict JSON syntax checker (RFC 8259) for a JSON value embedded in other text: it finds where the
 * value ends and rejects anything that is not JSON, without building a tree. Used by
 * {@link io.biggerfleet.model.Change} for the JSON values a change sets (e.g. a container's
 * {@code run.json}), which the device must be able to parse.
 *
 * <p>Stateless entry point; thread-safe. Nesting is limited to 64 levels so hostile input cannot
 * exhaust the stack.
 */
public final class JsonSyntax {
  /** Bad JSON: what is wrong ({@link #getMessage()}) and at which index of the text ({@link #at()}). */
  public static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int at;

    Problem(int at, String problem) {
      super(problem, null, false, false);
      this.at = at;
    }

    /** The index in the checked text where the problem is. */
    public int at() {
      return at;
    }
  }

  /**
   * Where the JSON value starting at {@code from} (after optional white space) ends in {@code text}.
   *
   * @throws Problem if the text there is not one valid JSON value
   */
  public static int valueEnd(String text, int from) {
    return new JsonSyntax(text, from).value();
  }

  private final String t;
  private int i;
  private int depth;

  private JsonSyntax(String t, int i) {
    this.t = t;
    this.i = i;
  }

  private int value() {
    ws();
    if (i >= t.length()) {
      throw new Problem(i, "JSON value expected");
    }
    char c = t.charAt(i);
    if (c == '{') {
      nest();
      i++;
      ws();
      if (peek() == '}') {
        i++;
      } else {
        while (true) {
          ws();
          string();
          ws();
          expect(':');
          value();
          ws();
          if (peek() == ',') {
            i++;
            continue;
          }
          expect('}');
          break;
        }
      }
      depth--;
    } else if (c == '[') {
      nest();
      i++;
      ws();
      if (peek() == ']') {
        i++;
      } else {
        while (true) {
          value();
          ws();
          if (peek() == ',') {
            i++;
            continue;
          }
          expect(']');
          break;
        }
      }
      depth--;
    } else if (c == '"') {
      string();
    } else if (t.startsWith("true", i)) {
      i += 4;
    } else if (t.startsWith("false", i)) {
      i += 5;
    } else if (t.startsWith("null", i)) {
      i += 4;
    } else if (c == '-' || Character.isDigit(c)) {
      number();
    } else {
      throw new Problem(i, "invalid JSON: unexpected '" + c + "'");
    }
    return i;
  }

  private void nest() {
    if (++depth > 64) {
      throw new Problem(i, "JSON nested deeper than 64 levels");
    }
  }

  private char peek() {
    return i < t.length() ? t.charAt(i) : '\0';
  }

  private void ws() {
    while (i < t.length() && " \t\r\n".indexOf(t.charAt(i)) >= 0) {
      i++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new Problem(i, "invalid JSON: expected '" + c + "'");
    }
    i++;
  }

  private void string() {
    expect('"');
    while (true) {
      if (i >= t.length()) {
        throw new Problem(i, "invalid JSON: unterminated string");
      }
      char c = t.charAt(i++);
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw new Problem(i - 1, "invalid JSON: control character in string");
      }
      if (c == '\\') {
        char e = peek();
        if ("\"\\/bfnrt".indexOf(e) >= 0) {
          i++;
        } else if (e == 'u'
            && i + 5 <= t.length()
            && t.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
          i += 5;
        } else {
          throw new Problem(i, "invalid JSON: bad escape");
        }
      }
    }
  }

  private void number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (Character.isDigit(peek())) {
      while (Character.isDigit(peek())) {
        i++;
      }
    } else {
      throw new Problem(i, "invalid JSON number");
    }
    if (peek() == '.') {
      i++;
      if (!Character.isDigit(peek())) {
        throw new Problem(i, "invalid JSON number");
      }
      while (Character.isDigit(peek())) {
        i++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!Character.isDigit(peek())) {
        throw new Problem(i, "invalid JSON number");
      }
      while (Character.isDigit(peek())) {
        i++;
      }
    }
    if (i == start) {
      throw new Problem(i, "invalid JSON number");
    }
  }
}
