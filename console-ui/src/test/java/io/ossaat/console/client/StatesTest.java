package io.ossaat.console.client;

import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatesTest {

    @Test
    void everyEngineStateReadsBackFromItsWireNameAndItsLabel() {
        for (StepState s : StepState.values()) {
            assertThat(States.step(s.wire())).isSameAs(s);
            assertThat(States.stepOfLabel(States.label(s))).isSameAs(s);
        }
        for (PlanState s : PlanState.values()) {
            assertThat(States.plan(s.wire())).isSameAs(s);
            assertThat(States.planOfLabel(States.label(s))).isSameAs(s);
        }
        assertThat(States.label(StepState.WAITING_APPROVAL)).isEqualTo("waiting approval");
    }

    @Test
    void aStateFromAnotherEngineVersionIsABadResponseThatSaysSo() {
        assertThatThrownBy(() -> States.step("paused"))
                .isInstanceOf(EngineException.BadResponse.class)
                .hasMessageContaining("step state 'paused'").hasMessageContaining("engine's version");
        assertThatThrownBy(() -> Wire.event(Wire.parse("{\"seq\":1,\"planId\":\"p\",\"state\":\"archived\"}")))
                .isInstanceOf(EngineException.BadResponse.class).hasMessageContaining("plan state 'archived'");
    }

    @Test
    void aPlanLevelEventCarriesAPlanStateAndAStepEventAStepState() {
        assertThat(Wire.event(Wire.parse("{\"seq\":1,\"planId\":\"p\",\"state\":\"waiting_approval\"}")).state())
                .isSameAs(PlanState.WAITING_APPROVAL);
        assertThat(Wire.event(Wire.parse("{\"seq\":2,\"planId\":\"p\",\"stepId\":\"s\",\"state\":\"waiting_approval\"}"))
                .state()).isSameAs(StepState.WAITING_APPROVAL);
    }
}
