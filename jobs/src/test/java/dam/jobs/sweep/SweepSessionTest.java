package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Executors get the Vector API module after the options a config or spark-submit gave them, exactly once. */
class SweepSessionTest {

    @Test
    void vectorModuleIsAppendedOnceToExecutorOptions() {
        assertEquals("--add-modules=jdk.incubator.vector", SweepSession.withVectorModule(null));
        assertEquals("--add-modules=jdk.incubator.vector", SweepSession.withVectorModule("  "));
        assertEquals("-Xss4m --add-modules=jdk.incubator.vector", SweepSession.withVectorModule("-Xss4m"));
        assertEquals("--add-modules jdk.incubator.vector -Xss4m",
                SweepSession.withVectorModule("--add-modules jdk.incubator.vector -Xss4m"));
    }
}
