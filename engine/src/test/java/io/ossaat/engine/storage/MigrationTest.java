package io.ossaat.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void migrationsApplyToAnEmptyDatabaseAndTheSchemaGuardsStates() throws Exception {
        try (Database db = Database.start(Optional.empty(), TestEngines.newDataDir(), 2);
             Connection c = db.connection(); var st = c.createStatement()) {
            var rs = st.executeQuery("select count(*) from information_schema.tables where table_schema = 'public' "
                    + "and table_name in ('plans','steps','events','approvals','event_counter')");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
            assertThatThrownBy(() -> st.execute("insert into plans (id, goal, agent, state, created_at, updated_at) "
                    + "values ('p', 'g', 'a', 'sleeping', now(), now())")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("check");
            st.execute("insert into plans (id, goal, agent, state, created_at, updated_at) values ('p','g','a','running',now(),now())");
            assertThatThrownBy(() -> st.execute("insert into steps (plan_id, id, position, action, tool, capability, "
                    + "capability_label, approval_required, timeout_seconds, state) values "
                    + "('p','s',0,'a','t','c','l',false,10,'completed')"))
                    .as("a final state without a finish time").isInstanceOf(SQLException.class);
            st.execute("insert into events (seq, plan_id, state, occurred_at) values (1, 'p', 'running', now())");
            assertThatThrownBy(() -> st.execute("delete from events")).hasMessageContaining("append-only");
        }
    }

    @Test
    void theSchemaKnowsExactlyTheStatesOfTheEnums() throws Exception {
        try (Database db = Database.start(Optional.empty(), TestEngines.newDataDir(), 2);
             Connection c = db.connection(); var st = c.createStatement()) {
            assertThat(checkedValues(st, "plans", "plans_state_check"))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(PlanState.values()).map(PlanState::wire).toList());
            assertThat(checkedValues(st, "steps", "steps_state_check"))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(StepState.values()).map(StepState::wire).toList());
            assertThat(checkedValues(st, "steps", "finished_at"))
                    .containsExactlyInAnyOrderElementsOf(StepState.finals().stream().map(StepState::wire).toList());
        }
    }

    /** The quoted values of the table's CHECK constraint named {@code marker}, or whose definition contains it. */
    private static List<String> checkedValues(java.sql.Statement st, String table, String marker) throws SQLException {
        var rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint where contype = 'c' "
                + "and conrelid = '" + table + "'::regclass");
        while (rs.next()) {
            String def = rs.getString(2);
            if (rs.getString(1).equals(marker) || def.contains(marker)) {
                return Pattern.compile("'([a-z_]+)'::text").matcher(def).results().map(m -> m.group(1)).distinct()
                        .toList();
            }
        }
        throw new AssertionError("no CHECK on " + table + " with " + marker);
    }

    @Test
    void anUnreachableExternalDatabaseIsNamedInTheError() {
        assertThatThrownBy(() -> Database.start(Optional.of("jdbc:postgresql://127.0.0.1:1/nothing"),
                TestEngines.newDataDir(), 2))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:1/nothing");
    }
}
