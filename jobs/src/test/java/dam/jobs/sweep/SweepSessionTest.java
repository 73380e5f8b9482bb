package dam.jobs.sweep;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dam.jobs.config.SparkConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The settings a sweep's session runs with: the Vector API module for executors, the pinned table settings. */
@Tag("spark")
@ExtendWith(SparkExtension.class)
class SweepSessionTest {

    /** Executors get the Vector API module after the options a config or spark-submit gave them, exactly once. */
    @Test
    void vectorModuleIsAppendedOnceToExecutorOptions() {
        assertEquals("--add-modules=jdk.incubator.vector", SweepSession.withVectorModule(null));
        assertEquals("--add-modules=jdk.incubator.vector", SweepSession.withVectorModule("  "));
        assertEquals("-Xss4m --add-modules=jdk.incubator.vector", SweepSession.withVectorModule("-Xss4m"));
        assertEquals("--add-modules jdk.incubator.vector -Xss4m",
                SweepSession.withVectorModule("--add-modules jdk.incubator.vector -Xss4m"));
    }

    static Stream<Map.Entry<String, String>> tableSettings() {
        return SweepSession.tableSettings().entrySet().stream();
    }

    /** On every Spark target (3.5 and 4.x differ in several of these defaults), whatever the config's spark.conf says. */
    @ParameterizedTest
    @MethodSource("tableSettings")
    void everyTableSettingIsPinnedOnTheSessionEvenAgainstTheConfig(Map.Entry<String, String> setting) {
        Map<String, String> conf = new HashMap<>(Map.of("spark.sql.shuffle.partitions", "4"));
        conf.put(setting.getKey(), "not-" + setting.getValue());
        SparkSession session = SweepSession.start(new SparkConfig("local[2]", "dam-test", conf));
        assertEquals(setting.getValue(), session.conf().get(setting.getKey()), setting.getKey());
    }
}
