package io.biggerfleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.match.Matcher;
import io.biggerfleet.testing.PublicApiScan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of core: no public type, method, constructor or field in {@code io.biggerfleet.**}
 * (outside {@code internal} packages) may name a type of an internal package or of a library core uses
 * inside (ANTLR, RE2/J, RoaringBitmap, Caffeine).
 */
class PublicApiTest {
  static final List<String> FORBIDDEN = List.of(
      "org.antlr.",
      "com.google.re2j.",
      "org.roaringbitmap.",
      "com.github.benmanes.caffeine.",
      ".internal.");

  @Test
  void publicSignatures_nameNoThirdPartyOrInternalTypes() {
    assertThat(PublicApiScan.publicApiClasses(Matcher.class))
        .as("scanned public classes")
        .extracting(Class::getName)
        .contains("io.biggerfleet.match.Matchers", "io.biggerfleet.FleetClient");
    assertThat(PublicApiScan.leaks(Matcher.class, FORBIDDEN)).isEmpty();
  }

  @Test
  void scanner_wouldCatchALeak() {
    abstract class Leaky {
      public abstract List<org.antlr.v4.runtime.Token> tokens();
    }
    assertThat(PublicApiScan.leaksOf(Leaky.class, FORBIDDEN)).hasSize(1);
  }
}
