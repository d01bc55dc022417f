package io.biggerfleet.group.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import org.junit.jupiter.api.Test;

/** Which names a device write changed decides which groups the index re-evaluates. */
class ChangedAttributesTest {
  private static final Device A = Device.builder(DeviceId.parse("a@r"))
      .attribute(AttributeSource.SYSTEM, "M", "1")
      .attribute(AttributeSource.REGISTRY, "M", "9")
      .attribute(AttributeSource.SYSTEM, "K", "x")
      .build();

  @Test
  void aChangeHiddenBehindAHigherSource_stillCounts() {
    Device b = A.toBuilder().attribute(AttributeSource.SYSTEM, "M", "2").build();

    assertThat(ChangedAttributes.of(A, b)).containsExactly("M");
  }

  @Test
  void theSameAttributes_changeNothing() {
    assertThat(ChangedAttributes.of(A, A)).isEmpty();
  }

  @Test
  void addedAndRemovedNames_bothCount() {
    Device b = A.toBuilder()
        .removeAttribute(AttributeSource.SYSTEM, "K")
        .attribute(AttributeSource.FLEET, "Fleet-Ring", "1")
        .build();

    assertThat(ChangedAttributes.of(A, b)).containsExactlyInAnyOrder("K", "Fleet-Ring");
  }
}
