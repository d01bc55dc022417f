package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.ProgressStatus;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.TrailStep;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class ChangesTest extends HubTestSupport {
  private static String page(String next, String... steps) {
    return "{\"links\":{"
        + (next == null ? "" : "\"next\":\"" + next + "\",\"prev\":\"https://api/x\"")
        + "},\"data\":[" + String.join(",", steps) + "]}";
  }

  @Test
  void progressSince_fromStart_asksForEpoch_andClampsPageSizeTo250() throws Exception {
    enqueue(page(null));
    ProgressPage p = client().trails().progressSince(null, 1000);
    assertThat(p.steps()).isEmpty();
    assertThat(p.nextCursor()).as("empty page keeps the cursor").isEqualTo("1970-01-01T00:00:00Z");
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/changes/steps");
    assertThat(r.getUrl().queryParameter("page[size]")).isEqualTo("250");
    assertThat(r.getUrl().queryParameter("page[after]")).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void progressSince_decodesStoredMetaKeys_andContinuesFromNextLink() throws Exception {
    String meta = q(
        "'meta':{'bf-rollout':'R1','bf-step':'1','bf-attempt':'2','ticket\uFF2Eid':'7'},"
            + "'time-modified':'2024-05-06T17:01:40.333123456Z','state':{'#spec':'pantavisor-service-system@1'}");
    String s1 = step(DEV, 8, "DOWNLOADING", meta).replace("'", "\"");
    String s2 = step(DEV2, 3, "DONE", q("'time-modified':'2024-05-06T17:01:41Z'"));
    enqueue(page(
        "https://api.pantahub.com/changes/steps?page[size]=250&page[after]=2024-05-06T17:01:41.5Z",
        s1,
        s2));
    enqueue(page(null));
    ProgressPage p = client().trails().progressSince("2024-05-06T16:58:00.101Z", 100);
    TrailStep first = p.steps().get(0);
    assertThat(first.device()).isEqualTo(DeviceId.of(DEV, REGISTRY));
    assertThat(first.rev()).isEqualTo(8);
    assertThat(first.progress().status()).isEqualTo(ProgressStatus.DOWNLOADING);
    assertThat(first.marker()).contains(StepMarker.of("R1", 1, 2));
    assertThat(first.state()).as("states are dropped from the feed").isEmpty();
    assertThat(p.steps().get(1).progress().status()).isEqualTo(ProgressStatus.DONE);
    assertThat(p.nextCursor()).isEqualTo("2024-05-06T17:01:41.5Z");

    ProgressPage p2 = client().trails().progressSince(p.nextCursor(), 100);
    assertThat(p2.nextCursor()).isEqualTo("2024-05-06T17:01:41.5Z");
    assertThat(take().getUrl().queryParameter("page[size]")).isEqualTo("100");
    assertThat(take().getUrl().queryParameter("page[after]")).isEqualTo("2024-05-06T17:01:41.5Z");
  }

  @Test
  void progressSince_withoutNextLink_usesLastItemsTimeModified() {
    enqueue(
        page(null, step(DEV, 2, "QUEUED", q("'time-modified':'2024-05-06T17:09:00.123456789Z'"))));
    assertThat(client().trails().progressSince(null, 10).nextCursor())
        .isEqualTo("2024-05-06T17:09:00.123456789Z");
  }

  @Test
  void progressSince_rejectsBadCursorAndSize_withoutCalling() {
    assertThatThrownBy(() -> client().trails().progressSince("yesterday", 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> client().trails().progressSince(null, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least 1");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void changedDevices_mapsDevicesWithStoredKeys() throws Exception {
    enqueue(q(
        "{'links':{'next':'https://h/changes/devices?page[size]=5&page[after]=2024-05-06T17:00:00Z'},"
            + "'data':[{'id':'" + DEV
            + "','nick':'gw','device-meta':{'pantavisor\uFF2Erevision':'9'},"
            + "'time-modified':'2024-05-06T17:00:00Z'}]}"));
    PantahubChanges.Page<io.biggerfleet.spi.RegistryDevice> p =
        client().changes().devices(null, 5);
    assertThat(p.items().get(0).systemAttributes()).containsEntry("pantavisor.revision", "9");
    assertThat(p.items().get(0).revision()).contains("9");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/changes/devices");
  }

  @Test
  void progress_reportedAtIsTheProgressTime() {
    enqueue(page(
        null,
        step(DEV, 2, "QUEUED", q("'time-modified':'2024-05-06T17:03:00Z'"))
            .replace("1970-01-01T00:00:00Z", "2024-05-06T17:03:00Z")));
    TrailStep s = client().trails().progressSince(null, 10).steps().get(0);
    assertThat(s.progress().reportedAt()).contains(Instant.parse("2024-05-06T17:03:00Z"));
  }

  @Test
  void progressSince_gathersHubPagesUpToTheLimit_andStopsAtAShortPage() throws Exception {
    String[] full = new String[250];
    Instant t0 = Instant.parse("2024-05-06T17:00:00Z");
    for (int i = 0; i < full.length; i++) {
      full[i] = step(
          i % 2 == 0 ? DEV : DEV2,
          i,
          "QUEUED",
          q("'time-modified':'" + t0.plusMillis(10L * i) + "'"));
    }
    String last = t0.plusMillis(10L * 249).toString();
    enqueue(page("https://h/changes/steps?page[size]=250&page[after]=" + last, full));
    enqueue(page(
        "https://h/changes/steps?page[size]=250&page[after]=2024-05-06T17:00:05Z",
        step(DEV, 300, "DONE", q("'time-modified':'2024-05-06T17:00:05Z'"))));

    ProgressPage p = client().trails().progressSince(null, 1000);

    assertThat(p.steps()).hasSize(251);
    assertThat(p.steps().get(250).rev()).isEqualTo(300);
    assertThat(p.nextCursor()).isEqualTo("2024-05-06T17:00:05Z");
    assertThat(take().getUrl().queryParameter("page[size]")).isEqualTo("250");
    RecordedRequest second = take();
    assertThat(second.getUrl().queryParameter("page[size]")).isEqualTo("250");
    assertThat(second.getUrl().queryParameter("page[after]"))
        .as("after a full hub page, one millisecond before its last item")
        .isEqualTo(Instant.parse(last).minusMillis(1).toString());
    assertThat(server.getRequestCount())
        .as("a short hub page is the head: no third request")
        .isEqualTo(2);
  }

  @Test
  void progressSince_afterFullPage_stepsBackOneMillisecond_soSameMillisecondChangesAreNotLost()
      throws Exception {
    String a = step(DEV, 1, "QUEUED", q("'time-modified':'2024-05-06T17:00:00.100Z'"));
    String b = step(DEV2, 1, "QUEUED", q("'time-modified':'2024-05-06T17:00:00.250Z'"));
    enqueue(
        page("https://h/changes/steps?page[size]=2&page[after]=2024-05-06T17:00:00.250Z", a, b));
    assertThat(client().trails().progressSince(null, 2).nextCursor())
        .isEqualTo("2024-05-06T17:00:00.249Z");
  }

  @Test
  void progressSince_whenFullPageSharesOneMillisecond_movesOnToAvoidLooping() throws Exception {
    String a = step(DEV, 1, "QUEUED", q("'time-modified':'2024-05-06T17:00:00.250Z'"));
    String b = step(DEV2, 1, "QUEUED", q("'time-modified':'2024-05-06T17:00:00.250Z'"));
    enqueue(
        page("https://h/changes/steps?page[size]=2&page[after]=2024-05-06T17:00:00.250Z", a, b));
    assertThat(client().trails().progressSince(null, 2).nextCursor())
        .isEqualTo("2024-05-06T17:00:00.250Z");
  }
}
