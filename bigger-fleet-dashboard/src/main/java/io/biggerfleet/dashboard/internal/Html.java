package io.biggerfleet.dashboard.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A page under construction. {@link #t} appends text HTML-escaped (every value that comes from the
 * fleet, the devices or the request goes through it); {@link #raw} appends markup the dashboard wrote
 * itself. Not thread-safe; one per response.
 */
final class Html {
  private final StringBuilder sb = new StringBuilder(4096);

  /** Appends trusted markup. */
  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Appends {@code value} escaped for element content and attribute values. */
  Html t(Object value) {
    sb.append(esc(String.valueOf(value)));
    return this;
  }

  /** Appends a number with thousands separators. */
  Html n(long value) {
    sb.append(String.format(java.util.Locale.ROOT, "%,d", value));
    return this;
  }

  /** {@code <a href="href">text</a>}, both escaped. */
  Html a(String href, Object text) {
    return raw("<a href=\"").t(href).raw("\">").t(text).raw("</a>");
  }

  /** {@code <input type="hidden" name="name" value="value">}, the value escaped (form fields). */
  Html hidden(String name, Object value) {
    return raw("<input type=\"hidden\" name=\"")
        .raw(name)
        .raw("\" value=\"")
        .t(value)
        .raw("\">");
  }

  /** Escapes {@code & < > " '} (enough for content and quoted attributes). */
  static String esc(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep;
      switch (c) {
        case '&':
          rep = "&amp;";
          break;
        case '<':
          rep = "&lt;";
          break;
        case '>':
          rep = "&gt;";
          break;
        case '"':
          rep = "&quot;";
          break;
        case '\'':
          rep = "&#39;";
          break;
        default:
          rep = null;
      }
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** URL-encodes a query parameter value. */
  static String u(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
