package dam.jobs.spark;

import dam.jobs.config.SparkConfig;
import dam.jobs.sweep.SweepSession;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one way a test gets Spark: {@code @ExtendWith(SparkExtension.class)} on every test class that runs Spark in
 * its JVM. One local[2] session for the whole test run, started the way a sweep starts it ({@link SweepSession#start}:
 * Kryo with registration required, the pinned table settings), shared by every Spark test and stopped once, after
 * the last test. No test starts or stops a session itself, and code under test joins this one (a sweep, a report
 * and the phase-diagram job reuse an active session and leave it running), so no test depends on which ran before
 * it. A test takes the session as a parameter of type SparkSession (of a {@code @BeforeAll}, {@code @BeforeEach} or
 * test method) or from {@link #session()}.
 */
public final class SparkExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkExtension.class);

    /**
     * The run's session, stopped when JUnit closes the root store after the last test of the run (JUnit 5.13 and later
     * close the store's AutoCloseable values).
     */
    private record Shared(SparkSession session) implements AutoCloseable {
        @Override
        public void close() {
            session.stop();
        }
    }

    private static volatile SparkSession session;

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session(context);
    }

    /** The shared session; only inside a test class that has this extension (which has started it). */
    public static SparkSession session() {
        if (session == null) {
            throw new IllegalStateException("no Spark session: the test class needs @ExtendWith(SparkExtension.class)");
        }
        return session;
    }

    private static synchronized SparkSession session(ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class,
                k -> new Shared(SweepSession.start(new SparkConfig("local[2]", "dam-test",
                        Map.of("spark.sql.shuffle.partitions", "4")))), Shared.class);
        session = shared.session();
        return session;
    }
}
