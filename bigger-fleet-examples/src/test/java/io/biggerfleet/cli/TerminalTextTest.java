package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void line_escapesControlsNewlinesC1AndBidiOverrides_andKeepsOrdinaryText() {
    assertThat(TerminalText.line("Cisco 121XPs – ok ü")).isEqualTo("Cisco 121XPs – ok ü");
    assertThat(TerminalText.line("a\u001b[2Jb\r\nc\td\u0007\u007f\u009b\u202e\u2028"))
        .isEqualTo("a\\x1b[2Jb\\r\\nc\\td\\x07\\x7f\\x9b\\u202e\\u2028");
  }

  @Test
  void message_keepsNewlinesForCaretLines_butCutsLongLinesInTheMiddle() {
    String msg = "time '5x' is bad\n  5x\n   ^";
    assertThat(TerminalText.message(msg)).isEqualTo(msg);

    String cut = TerminalText.message("start " + "x".repeat(10_000) + " end");

    assertThat(cut).startsWith("start ").endsWith(" end").contains("characters cut");
    assertThat(cut.length()).isLessThan(TerminalText.MAX_MESSAGE_LINE + 40);
  }

  @Test
  void echo_capsInputAtMaxEcho() {
    String echoed = TerminalText.echo("a".repeat(1_000));

    assertThat(echoed.replace("[... 880 characters cut ...]", "")).hasSize(TerminalText.MAX_ECHO);
  }

  @Test
  void terminalWriter_escapesEveryControlCharacterButNewline() {
    StringWriter sink = new StringWriter();
    java.io.PrintWriter w = new java.io.PrintWriter(new TerminalWriter(sink), true);

    w.println("ok\u001b[0m\rline");
    w.print("next");
    w.flush();

    assertThat(sink.toString()).isEqualTo("ok\\x1b[0m\\rline" + System.lineSeparator() + "next");
  }
}
