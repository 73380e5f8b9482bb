package dam.jobs.sweep;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The log levels of Spark, Hadoop and Parquet: quiet by default (their start-up warnings, such as the loopback
 * hostname or a truncated plan string, are noise to a sweep's user), WARN with {@code --verbose}; a user's own
 * log4j2 configuration is left as it is.
 */
public final class LogLevels {

    /** The system property bin/dam sets to the path of dam's own log4j2 file, which is not a user's configuration. */
    public static final String DEFAULT_CONFIG_PROPERTY = "dam.log4j2.default";

    private static volatile boolean verbose;

    private LogLevels() {
    }

    /** Sets whether the run is verbose (--verbose) and applies the levels. */
    public static void verbose(boolean on) {
        verbose = on;
        apply();
    }

    /** True with --verbose: then library warnings may come at any time, also between two progress lines. */
    public static boolean verbose() {
        return verbose;
    }

    /**
     * Sets the levels unless a user configured log4j2: ERROR for Spark, Hadoop and Parquet with Spark's scheduler at
     * WARN (a lost task or executor, resources not granted: a sweep's user needs those), or WARN for all with
     * --verbose.
     */
    public static void apply() {
        if (userConfiguration()) {
            return;
        }
        Level libraries = verbose ? Level.WARN : Level.ERROR;
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("org.apache.spark", libraries);
        Configurator.setLevel("org.apache.spark.scheduler", Level.WARN);
        Configurator.setLevel("org.sparkproject", libraries);
        Configurator.setLevel("org.apache.hadoop", libraries);
        Configurator.setLevel("org.apache.parquet", libraries);
    }

    /** True if log4j2.configurationFile names a file other than dam's own (bin/dam's conf/log4j2.properties). */
    static boolean userConfiguration() {
        String given = System.getProperty("log4j2.configurationFile");
        return given != null && !given.equals(System.getProperty(DEFAULT_CONFIG_PROPERTY));
    }
}
