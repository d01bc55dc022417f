package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.testing.PublicApiScan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of pantahub-sim: no public type, method, constructor or field outside {@code internal}
 * packages may name a type of an internal package or of a library this module uses only inside.
 */
class PublicApiTest {
  private static final List<String> FORBIDDEN =
      List.of("com.fasterxml.jackson.", "com.sun.net.httpserver.", ".internal.");

  @Test
  void publicSignatures_nameNoThirdPartyOrInternalTypes() {
    assertThat(PublicApiScan.publicApiClasses(PantahubSimulator.class))
        .as("scanned public classes")
        .extracting(Class::getName)
        .contains("io.biggerfleet.pantahub.sim.PantahubSimulator");
    assertThat(PublicApiScan.leaks(PantahubSimulator.class, FORBIDDEN)).isEmpty();
  }
}
