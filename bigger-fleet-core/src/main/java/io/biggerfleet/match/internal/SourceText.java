package io.biggerfleet.match.internal;

import org.antlr.v4.runtime.ParserRuleContext;

/**
 * The text an expression's parse-tree nodes were read from. ANTLR indexes the source by code point,
 * Java strings by UTF-16 unit; this maps one onto the other, so a node's text is cut at code-point
 * bounds even when the source holds characters outside the BMP. Immutable.
 */
final class SourceText {
  private final String source;
  /** UTF-16 offset of each code point of the source (ANTLR indexes code points); null if all are BMP. */
  private final int[] charOffset;

  SourceText(String source) {
    this.source = source;
    this.charOffset =
        source.codePointCount(0, source.length()) == source.length() ? null : offsets(source);
  }

  private static int[] offsets(String s) {
    int[] out = new int[s.codePointCount(0, s.length()) + 1];
    int k = 0;
    for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
      out[k++] = i;
    }
    out[k] = s.length();
    return out;
  }

  /** The source text of {@code ctx}, cut at code-point bounds. */
  String of(ParserRuleContext ctx) {
    return between(
        ctx.start.getStartIndex(),
        ctx.stop == null ? ctx.start.getStartIndex() - 1 : ctx.stop.getStopIndex());
  }

  /** The text from code point {@code from} to code point {@code to}, both included; "" if {@code to < from}. */
  String between(int from, int to) {
    if (to < from) {
      return "";
    }
    return charOffset == null
        ? source.substring(from, to + 1)
        : source.substring(charOffset[from], charOffset[to + 1]);
  }
}
