package dam.jobs.config;

import java.util.Map;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;

/**
 * The Spark settings of sweep.spark.conf (and --conf) that Spark defines, checked before anything is written the way
 * Spark will read them: each value through the setting's own converter and checks (an int, a size, a time, a
 * positive number...). Settings Spark does not define (a cluster manager's, a plug-in's) pass as they are.
 */
final class SparkConfCheck {

    /** The objects whose initialisation registers Spark's settings: core, SQL, static SQL. */
    private static final String[] REGISTRIES = {"org.apache.spark.internal.config.package$",
            "org.apache.spark.sql.internal.SQLConf$", "org.apache.spark.sql.internal.StaticSQLConf$"};

    private SparkConfCheck() {
    }

    /** Throws a {@link ConfigError} naming sweep.spark.conf."KEY" for the first value Spark would refuse. */
    static void check(Map<String, String> conf) {
        if (conf.isEmpty()) {
            return;
        }
        for (String registry : REGISTRIES) {
            try {
                Class.forName(registry, true, SparkConfCheck.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // a Spark without this module: its settings are not checked here
            }
        }
        for (Map.Entry<String, String> e : conf.entrySet()) {
            ConfigEntry<?> entry = ConfigEntry$.MODULE$.findEntry(e.getKey());
            if (entry == null) {
                continue;
            }
            try {
                entry.valueConverter().apply(e.getValue());
            } catch (RuntimeException ex) {
                throw new ConfigError("sweep.spark.conf.\"" + e.getKey() + "\"", "Spark cannot use '" + e.getValue()
                        + "': " + reason(ex));
            }
        }
    }

    /** Spark's message without its error class and SQL state ("[INVALID_CONF_VALUE.TYPE_MISMATCH] ... SQLSTATE: 22022"). */
    private static String reason(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").replaceFirst("^\\[[A-Z_.]+\\] ", "").replaceFirst(" ?SQLSTATE: \\w+\\s*$", "").trim();
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
