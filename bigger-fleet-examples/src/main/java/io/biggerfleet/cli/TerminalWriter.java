package io.biggerfleet.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * The last line of defence for human-readable output: a writer that passes text through to the real
 * output but shows every control character other than newline (terminal escapes, carriage returns,
 * bells, C1 codes, bidi overrides) as an escape ({@link TerminalText}). What a device reports can
 * then never move the cursor, recolour the terminal or overwrite a line. Newlines inside a device
 * value are escaped where the value is printed ({@link TerminalText#line}).
 *
 * <p>Not thread-safe (one per CLI run, like the writer it wraps).
 */
final class TerminalWriter extends Writer {
  private final Writer out;

  TerminalWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = buf[i];
      if (c != '\n' && TerminalText.unsafe(c)) {
        out.write(buf, start, i - start);
        StringBuilder b = new StringBuilder(8);
        TerminalText.appendEscape(b, c);
        out.write(b.toString());
        start = i + 1;
      }
    }
    out.write(buf, start, end - start);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
