package io.biggerfleet.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatcherStructureTest {
  private static final Matchers M = Matchers.standard();

  @Test
  void structure_equalityTermsJoinedByAnd_areExplicitForIndexes() {
    MatchNode s = M.compile("Manufacturer==\"Cisco\" Model==\"121XPs\"").structure();
    assertThat(s)
        .isEqualTo(new MatchNode.And(List.of(
            new MatchNode.ValueIn(AttributeRef.of("Manufacturer"), Set.of("Cisco")),
            new MatchNode.ValueIn(AttributeRef.of("Model"), Set.of("121XPs")))));
  }

  @Test
  void structure_inNotInAndContains_areExplicit_andOtherTermsOpaque() {
    MatchNode s = M.compile(
            "system:Model in [a, b] or Fleet-Tags contains canary or Model not in [c] or Kernel > 4.9.3")
        .structure();
    AttributeRef model = AttributeRef.of("Model");
    assertThat(s)
        .isEqualTo(new MatchNode.Or(List.of(
            new MatchNode.ValueIn(
                AttributeRef.of("Model", AttributeSource.SYSTEM), Set.of("a", "b")),
            new MatchNode.ItemIn(AttributeRef.of("Fleet-Tags"), Set.of("canary")),
            new MatchNode.And(List.of(
                new MatchNode.Exists(model),
                new MatchNode.Not(new MatchNode.ValueIn(model, Set.of("c"))))),
            new MatchNode.Opaque(
                "Kernel > 4.9.3", Set.of(AttributeRef.of("Kernel")), false, false))));
  }

  @Test
  void structure_numericComparisons_areRangesOverTheValueReadAsANumber() {
    AttributeRef mem = AttributeRef.of("Mem");
    double m64 = 64.0 * 1024 * 1024;
    double inf = Double.POSITIVE_INFINITY;
    assertThat(M.compile("Mem > 64M").structure())
        .isEqualTo(new MatchNode.NumberRange(mem, m64, false, inf, true));
    assertThat(M.compile("Mem <= 64M").structure())
        .isEqualTo(new MatchNode.NumberRange(mem, -inf, true, m64, true));
    assertThat(M.compile("Mem == 4").structure())
        .isEqualTo(new MatchNode.NumberRange(mem, 4, true, 4, true));
    assertThat(M.compile("Mem != 4").structure())
        .isEqualTo(new MatchNode.Or(List.of(
            new MatchNode.NumberRange(mem, -inf, true, 4, false),
            new MatchNode.NumberRange(mem, 4, false, inf, true))));
  }

  @Test
  void structure_prefixGlob_isAPrefix_withEscapesResolved_andOtherGlobsStayOpaque() {
    AttributeRef name = AttributeRef.of("Device-Name");
    assertThat(M.compile("Device-Name like \"gar\\\"den*\"").structure())
        .isEqualTo(new MatchNode.Prefix(name, "gar\"den"));
    assertThat(M.compile("Device-Name like \"gw-*\"").structure())
        .isEqualTo(new MatchNode.Prefix(name, "gw-"));
    assertThat(M.compile("Device-Name like \"g*n\"").structure())
        .isInstanceOf(MatchNode.Opaque.class);
  }

  @Test
  void numberRange_readsNumbersAndSizesLikeTheMatcher_andNeverHoldsForText() {
    MatchNode.NumberRange above2 =
        (MatchNode.NumberRange) M.compile("Cores > 2").structure();
    assertThat(above2.contains(MatchNode.NumberRange.number(" 4 "))).isTrue();
    assertThat(above2.contains(MatchNode.NumberRange.number("2"))).isFalse();
    assertThat(above2.contains(MatchNode.NumberRange.number("lots"))).isFalse();
    assertThat(MatchNode.NumberRange.number("1G")).isEqualTo(1024.0 * 1024 * 1024);
  }

  @Test
  void structure_constantsAreFolded() {
    assertThat(M.compile("true and Model == x").structure())
        .isEqualTo(new MatchNode.ValueIn(AttributeRef.of("Model"), Set.of("x")));
    assertThat(M.compile("false and Model == x").structure())
        .isEqualTo(new MatchNode.Constant(false));
    assertThat(M.compile("not not Model == x").structure())
        .isEqualTo(new MatchNode.ValueIn(AttributeRef.of("Model"), Set.of("x")));
    assertThat(M.compile("Model in [] or not true").structure())
        .isEqualTo(new MatchNode.Constant(false));
  }

  @Test
  void attributes_namesEveryAttributeRead() {
    assertThat(M.compile("a==1 (b > 2 or not exists(registry:c)) d contains x").attributes())
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void explain_showsEveryTermWithWhatTheDeviceHad() {
    Device d = Device.builder(DeviceId.parse("DEVICEID-5@cisco.com"))
        .systemAttributes(Map.of("Manufacturer", "Cisco", "Model", "121XP", "Kernel", "abc"))
        .build();
    Explanation e = M.compile(
            "Manufacturer==\"Cisco\" Model==\"121XPs\" Kernel > 4.9.3 exists(Serial)")
        .explain(d);
    assertThat(e.matched()).isFalse();
    assertThat(e.terms())
        .extracting(Explanation::text, Explanation::matched, Explanation::observed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Manufacturer==\"Cisco\"",
                true,
                "Manufacturer = \"Cisco\" (reported by the device)"),
            org.assertj.core.groups.Tuple.tuple(
                "Model==\"121XPs\"", false, "Model = \"121XP\" (reported by the device)"),
            org.assertj.core.groups.Tuple.tuple(
                "Kernel > 4.9.3",
                false,
                "Kernel = \"abc\" (reported by the device) is not a version"),
            org.assertj.core.groups.Tuple.tuple("exists(Serial)", false, "Serial is missing"));
    assertThat(e.toString())
        .startsWith(
            "no   Manufacturer==\"Cisco\" Model==\"121XPs\" Kernel > 4.9.3 exists(Serial)\n"
                + "  yes  Manufacturer==\"Cisco\"    [Manufacturer = \"Cisco\" (reported by the device)]\n");
  }

  @Test
  void explain_namesTheSourceOfTheWinningValue_onlyWhereTheTermNamesNone() {
    Device d = Device.builder(DeviceId.parse("DEVICEID-5@cisco.com"))
        .systemAttributes(Map.of("Model", "121XPs", "Device-Site", "trading-floor"))
        .registryAttributes(Map.of("Device-Location", "London"))
        .build();
    Explanation e = M.compile(
            "Model==\"121XPs\" Device-Site==\"trading-floor\" Device-Location==\"London\" "
                + "Device-Id==\"DEVICEID-5@cisco.com\" registry:Device-Site==\"trading-floor\"")
        .explain(d);
    assertThat(e.terms())
        .extracting(Explanation::observed)
        .containsExactly(
            "Model = \"121XPs\" (reported by the device)",
            "Device-Site = \"trading-floor\" (reported by the device)",
            "Device-Location = \"London\" (set in the registry)",
            "Device-Id = \"DEVICEID-5@cisco.com\" (set in the registry)",
            "registry:Device-Site is missing");
  }

  @Test
  void explain_agreesWithMatches() {
    Device d = Device.builder(DeviceId.parse("a@b.com"))
        .systemAttributes(Map.of("A", "1"))
        .build();
    for (String expr :
        List.of("A==1 or B==2", "not (A==1)", "A==1 and bucket(2) < 1", "A in [1, 2]")) {
      Matcher m = M.compile(expr);
      assertThat(m.explain(d).matched()).as(expr).isEqualTo(m.matches(d));
    }
  }

  @Test
  void bucket_sameDeviceAndSalt_alwaysSameAnswer_andAbout10PercentInCohort() {
    Matcher cohort = M.compile("bucket(100) < 10");
    Matcher salted = M.compile("bucket(100, \"rollout-7\") < 10");
    int in = 0;
    int both = 0;
    for (int i = 0; i < 20_000; i++) {
      Device d = Device.builder(DeviceId.parse("dev" + i + "@hub.example"))
          .systemId(i * 0x9E3779B97F4A7C15L)
          .build();
      boolean a = cohort.matches(d);
      assertThat(cohort.matches(d)).isEqualTo(a);
      if (a) {
        in++;
        if (salted.matches(d)) {
          both++;
        }
      }
    }
    assertThat(in).isBetween(1_800, 2_200);
    assertThat(both).as("salts give independent cohorts").isBetween(120, 280);
  }

  @Test
  void bucket_onAttributesAlone_usesTheDeviceIdsSystemId() {
    Device d = Device.builder(DeviceId.parse("DEVICEID-5@cisco.com")).build();
    for (int k = 0; k < 10; k++) {
      Matcher m = M.compile("bucket(10) == " + k);
      assertThat(m.matches(d.attributes())).isEqualTo(m.matches(d));
    }
    assertThat(M.compile("bucket(1) == 0").matches(io.biggerfleet.device.Attributes.empty()))
        .isFalse();
  }
}
