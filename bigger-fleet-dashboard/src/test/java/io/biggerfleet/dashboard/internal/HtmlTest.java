package io.biggerfleet.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void text_isEscapedForContentAndQuotedAttributes() {
    assertThat(new Html()
            .raw("<p title=\"")
            .t("\"><script>x('1')</script>&")
            .raw("\">")
            .toString())
        .isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;x(&#39;1&#39;)&lt;/script&gt;&amp;\">");
    assertThat(Html.esc("plain text")).isEqualTo("plain text");
  }

  @Test
  void jsonStrings_escapeQuotesControlsAndMarkup() {
    assertThat(Json.str("a\"b\\c\n</script>"))
        .isEqualTo("\"a\\\"b\\\\c\\u000a\\u003c/script\\u003e\"");
  }
}
