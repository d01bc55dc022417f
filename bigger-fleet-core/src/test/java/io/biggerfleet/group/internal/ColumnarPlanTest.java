package io.biggerfleet.group.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.match.Matchers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnarPlanTest {
  private final MatchConditions conditions = new MatchConditions(Matchers.standard());

  @Test
  void compile_prefixAndNumericTerms_planAsColumnRanges_andRegexStaysOpaque() {
    assertThat(conditions.compile("Device-Name like \"garden*\"").plan())
        .isEqualTo(new SelectionPlan.Prefix("Device-Name", "garden"));
    assertThat(conditions.compile("Cores > 2").plan())
        .isInstanceOf(SelectionPlan.NumberRange.class);
    assertThat(conditions.compile("Device-Name matches \"^gw\"").plan())
        .isInstanceOf(SelectionPlan.Opaque.class);
  }

  @Test
  void compile_sourcedPrefix_fallsBackToRows() {
    SelectionPlan p = conditions.compile("system:Model like \"12*\"").plan();
    assertThat(p).isInstanceOf(SelectionPlan.Opaque.class);
    assertThat(((SelectionPlan.Opaque) p).term()).isNull();
    assertThat(List.of(p)).hasSize(1);
  }
}
