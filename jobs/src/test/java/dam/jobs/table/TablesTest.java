package dam.jobs.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.jobs.phase.PhaseDiagramTables;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The naming rule of docs/tables.md, checked on every table's schema. */
class TablesTest {

    private static final Map<String, StructType> SCHEMAS = Map.of(
            "trials", Tables.trials(null), "theory", Tables.theory(null), "grid", Tables.grid(null),
            "basins", Tables.basins(null), "phase_diagram", PhaseDiagramTables.phaseDiagram(),
            "capacity", PhaseDiagramTables.capacity(), "critical_temperature", PhaseDiagramTables.criticalTemperature(),
            "finite_size", PhaseDiagramTables.finiteSize());

    @Test
    void noTwoColumnsOfATableDifferOnlyByCase() {
        // SQL engines (DuckDB, Spark by default) fold case: two such names would read as one column.
        for (Map.Entry<String, StructType> e : SCHEMAS.entrySet()) {
            Map<String, String> seen = new HashMap<>();
            for (String name : e.getValue().fieldNames()) {
                String clash = seen.put(name.toLowerCase(Locale.ROOT), name);
                assertEquals(null, clash, e.getKey() + ": " + name + " and " + clash + " differ only by case");
            }
        }
    }

    @Test
    void everyTableStartsWithTheModelAndTheOrderNAndNamesTheNetworkSizeNeurons() {
        for (Map.Entry<String, StructType> e : SCHEMAS.entrySet()) {
            List<String> names = List.of(e.getValue().fieldNames());
            assertEquals(List.of("model", "n"), names.subList(0, 2), e.getKey());
            assertTrue(names.contains("temperature") || e.getKey().equals("critical_temperature"), e.getKey());
            assertTrue(names.stream().allMatch(x -> x.equals(x.toLowerCase(Locale.ROOT))), e.getKey() + ": " + names);
        }
        for (String table : List.of("trials", "grid", "basins", "phase_diagram", "finite_size")) {
            assertTrue(List.of(SCHEMAS.get(table).fieldNames()).contains("neurons"), table);
        }
    }
}
