package dam.jobs.config;

import java.util.Map;

/**
 * How to reach Spark.
 *
 * @param master  the master URL, e.g. "local[*]" or "spark://127.0.0.1:7077"
 * @param appName the application name shown in the Spark UI
 * @param conf    extra Spark settings, passed through unchanged
 */
public record SparkConfig(String master, String appName, Map<String, String> conf) {
    public SparkConfig {
        conf = Map.copyOf(conf);
    }

    /** The same settings with another master URL. */
    public SparkConfig withMaster(String newMaster) {
        return new SparkConfig(newMaster, appName, conf);
    }
}
