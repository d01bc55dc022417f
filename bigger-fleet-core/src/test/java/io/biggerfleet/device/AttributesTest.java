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
    Attributes a = Attributes.builder()
        .put(AttributeSource.REGISTRY, "Device-Tags", " a, b ,,c ")
        .build();

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

    Attributes b = a.toBuilder()
        .remove(AttributeSource.REGISTRY, "A")
        .clear(AttributeSource.SYSTEM)
        .build();

    assertThat(b.toString()).isEqualTo("B: 3");
    assertThat(a.get("A")).contains("2");
    assertThat(a)
        .isEqualTo(a.toBuilder().build())
        .hasSameHashCodeAs(a.toBuilder().build());
  }

  @Test
  void lookup_acrossDevicesWithDifferentNameSets_answersLikeValueOrNull() {
    Attributes reg = Attributes.builder()
        .put(AttributeSource.SYSTEM, "Model", "121XPs")
        .put(AttributeSource.REGISTRY, "Model", "122XPs")
        .put(AttributeSource.SYSTEM, "Arch", "arm64")
        .build();
    Attributes sameNames = Attributes.builder()
        .put(AttributeSource.SYSTEM, "Model", "200AC")
        .put(AttributeSource.REGISTRY, "Model", "GS108")
        .put(AttributeSource.SYSTEM, "Arch", "x86_64")
        .build();
    Attributes systemOnly = Attributes.builder()
        .put(AttributeSource.SYSTEM, "Arch", "mips")
        .put(AttributeSource.SYSTEM, "Model", "EdgeR4")
        .build();
    Attributes.Lookup model = Attributes.lookup("Model");
    Attributes.Lookup registryModel = Attributes.lookup("Model", AttributeSource.REGISTRY);
    Attributes.Lookup missing = Attributes.lookup("Region");
    // Alternate between name sets so the remembered position has to be recomputed each time.
    for (int round = 0; round < 3; round++) {
      for (Attributes a : new Attributes[] {reg, systemOnly, sameNames, Attributes.empty()}) {
        assertThat(model.in(a)).isEqualTo(a.valueOrNull("Model"));
        assertThat(registryModel.in(a)).isEqualTo(a.valueOrNull("Model", AttributeSource.REGISTRY));
        assertThat(missing.in(a)).isNull();
      }
    }
    assertThat(model.in(reg)).isEqualTo("122XPs"); // the registry's value wins over the device's
    assertThat(model.in(sameNames)).isEqualTo("GS108");
    assertThat(model.in(systemOnly)).isEqualTo("EdgeR4");
    assertThat(registryModel.in(systemOnly)).isNull();
  }

  @Test
  void build_devicesWithSameNamesAndSources_stayEqualAndKeepTheirOwnValues() {
    Attributes a = Attributes.builder()
        .put(AttributeSource.SYSTEM, "A", "1")
        .put(AttributeSource.FLEET, "B", "2")
        .build();
    Attributes b = Attributes.builder()
        .put(AttributeSource.SYSTEM, "A", "3")
        .put(AttributeSource.FLEET, "B", "4")
        .build();
    Attributes c = Attributes.builder()
        .put(AttributeSource.FLEET, "A", "3")
        .put(AttributeSource.FLEET, "B", "4")
        .build();
    assertThat(a.get("A")).contains("1");
    assertThat(b.get("A")).contains("3");
    assertThat(b.get("B", AttributeSource.FLEET)).contains("4");
    assertThat(c.get("A", AttributeSource.SYSTEM))
        .isEmpty(); // same names, other sources: not mixed up
    assertThat(c.get("A", AttributeSource.FLEET)).contains("3");
  }
}
