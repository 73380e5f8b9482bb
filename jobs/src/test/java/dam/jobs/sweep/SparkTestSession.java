package dam.jobs.sweep;

import dam.jobs.config.SparkConfig;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session shared by the Spark tests of this JVM, run exactly as a sweep runs it (Kryo, registration required). */
final class SparkTestSession {

    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SweepSession.start(new SparkConfig("local[2]", "dam-test", Map.of("spark.sql.shuffle.partitions", "4")));
        }
        return session;
    }
}
