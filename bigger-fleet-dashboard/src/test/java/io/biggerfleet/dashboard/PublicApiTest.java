package io.biggerfleet.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.testing.PublicApiScan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of the dashboard: no public signature outside {@code internal} names a type of
 * an internal package or of the JDK HTTP server it runs on.
 */
class PublicApiTest {
  private static final List<String> FORBIDDEN = List.of("com.sun.net.httpserver.", ".internal.");

  @Test
  void publicSignatures_nameNoServerOrInternalTypes() {
    assertThat(PublicApiScan.publicApiClasses(FleetDashboard.class))
        .as("scanned public classes")
        .extracting(Class::getName)
        .contains(
            "io.biggerfleet.dashboard.FleetDashboard", "io.biggerfleet.dashboard.DashboardAuth");
    assertThat(PublicApiScan.leaks(FleetDashboard.class, FORBIDDEN)).isEmpty();
  }
}
