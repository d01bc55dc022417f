package io.biggerfleet.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void putAgainInTheSameSource_replacesInPlace() {
    Attributes a = Attributes.builder()
        .put(AttributeSource.SYSTEM, "A", "1")
        .put(AttributeSource.SYSTEM, "B", "2")
        .put(AttributeSource.SYSTEM, "A", "3")
        .build();

    assertThat(a.toString()).isEqualTo("A: 3\nB: 2");
    assertThat(a.size()).isEqualTo(2);
  }

  @Test
  void displayOrder_isBySourceThenInsertion_whateverTheOrderOfPuts() {
    Attributes a = Attributes.builder()
        .put(AttributeSource.FLEET, "Fleet-Tags", "x")
        .put(AttributeSource.SYSTEM, "Model", "m")
        .put(AttributeSource.REGISTRY, "Device-Location", "l")
        .put(AttributeSource.SYSTEM, "CPU", "c")
        .build();

    assertThat(a.toString()).isEqualTo("Model: m\nCPU: c\nDevice-Location: l\nFleet-Tags: x");
    assertThat(a.names()).containsExactly("Model", "CPU", "Device-Location", "Fleet-Tags");
  }

  @Test
  void items_splitAtCommas_trimmingAndDroppingEmpties() {
    Attributes a = Attributes.builder().put(AttributeSource.REGISTRY, "Device-Tags", " a, b ,,c ").build();

    assertThat(a.items("Device-Tags")).containsExactly("a", "b", "c");
    assertThat(a.items("Missing")).isEmpty();
    assertThat(a.attribute("Device-Tags").orElseThrow().items()).containsExactly("a", "b", "c");
  }

  @Test
  void absentNames_answerEmptyOrNull() {
    Attributes a = Attributes.empty();

    assertThat(a.get("X")).isEmpty();
    assertThat(a.valueOrNull("X")).isNull();
    assertThat(a.get("X", AttributeSource.FLEET)).isEmpty();
    assertThat(a.isEmpty()).isTrue();
  }

  @Test
  void toBuilder_removeAndClear_changeOnlyTheCopy() {
    Attributes a = Attributes.builder()
        .put(AttributeSource.SYSTEM, "A", "1")
        .put(AttributeSource.REGISTRY, "A", "2")
        .put(AttributeSource.REGISTRY, "B", "3")
        .build();

    Attributes b = a.toBuilder().remove(AttributeSource.REGISTRY, "A").clear(AttributeSource.SYSTEM).build();

    assertThat(b.toString()).isEqualTo("B: 3");
    assertThat(a.get("A")).contains("2");
    assertThat(a).isEqualTo(a.toBuilder().build()).hasSameHashCodeAs(a.toBuilder().build());
  }
}
