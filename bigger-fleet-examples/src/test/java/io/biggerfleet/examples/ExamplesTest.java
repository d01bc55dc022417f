package io.biggerfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.event.EventType;
import io.biggerfleet.group.Listing;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The example programs do what their javadoc says (so they cannot rot). */
class ExamplesTest {
  private final StringWriter out = new StringWriter();
  private final PrintWriter writer = new PrintWriter(out, true);

  @Test
  void importAndGroup_groupsTheFourCisco121XPs_andTagsTheTradingFloor() {
    Listing listing = ImportAndGroupExample.run(writer);

    assertThat(listing.deviceCount()).isEqualTo(4);
    assertThat(out.toString())
        .contains("Imported 11 devices (11 new).")
        .contains("Tag \"conservative\" added to DEVICEID-5@cisco.com.")
        .contains("Found 4 devices");
  }

  @Test
  void canaryRollout_endsDone_andTheListenerSawBothGatesPass() {
    Rollout r = CanaryRolloutExample.run(writer);

    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    assertThat(out.toString())
        .containsPattern("ok +Gate passed at step 1/2")
        .containsPattern("ok +Gate passed at step 2/2")
        .doesNotContain("ALERT")
        .contains("KERNEL-5.15 DONE (Succeeded @ ");
  }

  @Test
  void gateWatcher_recordsOnlyGateDecisions() {
    CanaryRolloutExample.GateWatcher w = new CanaryRolloutExample.GateWatcher(writer);

    w.onEvent(io.biggerfleet.event.FleetEvent.of(
        java.time.Instant.EPOCH, EventType.GATE_FAILED, "R", "lead", "Gate failed at step 1/2"));
    w.onEvent(io.biggerfleet.event.FleetEvent.of(
        java.time.Instant.EPOCH, EventType.DEVICE_POSTED, "d@x", "lead", "posted"));

    assertThat(w.gates()).hasSize(1);
    assertThat(out.toString()).isEqualTo("ALERT Gate failed at step 1/2\n");
  }

  @Test
  void postgresStore_keepsTheFleetAcrossRuns() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";

      long first = PostgresStoreExample.run(url, "postgres", "", writer);
      long second = PostgresStoreExample.run(url, "postgres", "", writer);

      assertThat(first).isEqualTo(11);
      assertThat(second).isEqualTo(11);
      assertThat(out.toString())
          .contains("0 devices before, 11 now")
          .contains("11 devices before, 11 now");
    }
  }
}
