package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.testing.PublicApiScan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of jdbc: no public type, method, constructor or field outside {@code internal}
 * packages may name a type of an internal package or of a library this module uses only inside.
 */
class PublicApiTest {
  private static final List<String> FORBIDDEN = List.of(
      "com.fasterxml.jackson.", "com.zaxxer.hikari.", "org.h2.", "org.postgresql.", ".internal.");

  @Test
  void publicSignatures_nameNoThirdPartyOrInternalTypes() {
    assertThat(PublicApiScan.publicApiClasses(JdbcFleetStore.class))
        .as("scanned public classes")
        .extracting(Class::getName)
        .contains("io.biggerfleet.jdbc.JdbcFleetStore");
    assertThat(PublicApiScan.leaks(JdbcFleetStore.class, FORBIDDEN)).isEmpty();
  }
}
