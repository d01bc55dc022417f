package io.biggerfleet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressMapperTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private final ProgressMapper m = ProgressMapper.INSTANCE;

  private static DeviceRolloutProgress.Builder queued(String device) {
    return DeviceRolloutProgress.builder("R1", DeviceId.parse(device + "@r.io"), 1, T0);
  }

  @Test
  void encode_afterARecordThatDiffersInOneField_encodesItsOwnDocument() {
    DeviceRolloutProgress a = queued("A").build();
    DeviceRolloutProgress b = queued("B").reported("INPROGRESS", 40, "").build();
    DeviceRolloutProgress c = queued("C").status(DeviceStatus.POSTED).build();
    DeviceRolloutProgress d = queued("D").dueAt(T0.plusSeconds(60)).build();

    for (DeviceRolloutProgress p : new DeviceRolloutProgress[] {a, b, a, c, d, a}) {
      assertThat(m.decode("R1", p.device(), m.encode(p))).isEqualTo(p);
    }
  }

  @Test
  void encode_ofAFreshRecord_leavesDefaultFieldsOut() {
    assertThat(m.encode(queued("A").build()))
        .isEqualTo("{\"step\":1,\"status\":\"WAITING\",\"updatedAt\":\"2026-03-01T00:00:00Z\"}");
  }

  @Test
  void decode_ofADocumentWrittenBeforeQueuedWasRenamed_readsWaiting() {
    String old = "{\"step\":1,\"status\":\"QUEUED\",\"updatedAt\":\"2026-03-01T00:00:00Z\"}";

    assertThat(m.decode("R1", DeviceId.parse("A@r.io"), old))
        .isEqualTo(queued("A").build());
    assertThat(m.decode("R1", DeviceId.parse("A@r.io"), old).status())
        .isEqualTo(DeviceStatus.WAITING);
  }

  @Test
  void decode_skipsFieldsOfANewerWriter_andKeepsEveryKnownField() {
    String doc =
        "{\"step\":2,\"future\":{\"a\":[1,2]},\"attempt\":3,\"rev\":17,\"baseRev\":16,\"status\":\"FAILED\","
            + "\"deviceStatus\":\"ERROR\",\"percent\":40,\"message\":\"disk \\\"full\\\"\",\"dueAt\":null,"
            + "\"detour\":true,\"updatedAt\":\"2026-03-01T00:00:00.5Z\"}";

    DeviceRolloutProgress p = m.decode("R1", DeviceId.parse("A@r.io"), doc);

    assertThat(p)
        .isEqualTo(
            DeviceRolloutProgress.builder("R1", DeviceId.parse("A@r.io"), 2, T0.plusMillis(500))
                .attempt(3)
                .rev(17)
                .baseRev(16)
                .status(DeviceStatus.FAILED)
                .reported("ERROR", 40, "disk \"full\"")
                .detour(true)
                .build());
  }

  @Test
  void decode_withoutStatus_failsNamingTheRecordAndTheField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.decode(
            "R1", DeviceId.parse("A@r.io"), "{\"step\":1,\"updatedAt\":\"2026-03-01T00:00:00Z\"}"))
        .hasMessageContaining("R1/A@r.io")
        .hasMessageContaining("'status'");
  }
}
