package io.biggerfleet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.testing.contract.FleetStoreContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of bigger-fleet-testing: no public or protected signature of a fake or a
 * contract suite may name a type of an internal package or of a library other than the test libraries
 * the suites are written in (JUnit 5, AssertJ), core and the Pantahub client.
 */
class PublicApiTest {
  private static final List<String> FORBIDDEN = List.of(
      "com.fasterxml.jackson.",
      "okhttp3.",
      "org.antlr.",
      "com.google.re2j.",
      "org.roaringbitmap.",
      "com.github.benmanes.caffeine.",
      ".internal.");

  @Test
  void publicSignatures_nameNoThirdPartyOrInternalTypes() {
    assertThat(PublicApiScan.publicApiClasses(FakeTrails.class))
        .as("scanned public classes")
        .extracting(Class::getName)
        .contains(
            "io.biggerfleet.testing.FakeDeviceRegistry",
            "io.biggerfleet.testing.WalkthroughFleet",
            FleetStoreContractTest.class.getName(),
            "io.biggerfleet.testing.contract.DeviceRegistryContractTest",
            "io.biggerfleet.testing.contract.TokenStoreContractTest")
        .noneMatch(n -> n.endsWith("Test") && !n.contains(".contract."));
    assertThat(PublicApiScan.leaks(FakeTrails.class, FORBIDDEN)).isEmpty();
  }
}
