package dam.jobs.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check of sweep.output before anything is written: a location whose scheme has a file system in the run's
 * Hadoop settings, and for a local directory one that is writable or creatable. Creates nothing.
 */
final class OutputCheck {

    private OutputCheck() {
    }

    /** The output location of the config value (see {@link OutputLocation#of}), checked; a ConfigError naming sweep.output if refused. */
    static String location(String value, SparkConfig spark) {
        String output;
        try {
            output = OutputLocation.of(value);
            OutputLocation.checkScheme(output, hadoopSettings(spark));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sweep.output", e.getMessage());
        }
        if (OutputLocation.local(output)) {
            checkWritable(OutputLocation.localPath(output), "output");
        }
        return output;
    }

    /**
     * The Hadoop settings a run will have, to find a scheme's file system: the defaults on the class path,
     * then spark.hadoop.* of spark-submit (system properties) and of the config (with --conf).
     */
    private static org.apache.hadoop.conf.Configuration hadoopSettings(SparkConfig spark) {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        String prefix = "spark.hadoop.";
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                conf.set(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        spark.conf().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                conf.set(k.substring(prefix.length()), v);
            }
        });
        return conf;
    }

    /** The output directory must be writable, or creatable under a writable existing ancestor; errors name sweep.field. */
    static void checkWritable(Path output, String field) {
        Path p = output;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new ConfigError("sweep." + field, "no existing ancestor directory for " + output);
        }
        if (!Files.isDirectory(p)) {
            throw new ConfigError("sweep." + field, (p.equals(output) ? "" : "ancestor ") + p + " is not a directory");
        }
        if (!Files.isWritable(p)) {
            throw new ConfigError("sweep." + field, "not writable: " + p);
        }
    }
}
