package dam.jobs.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A Spark target of the build (a Maven profile; docs/spark-targets.md): the Spark line and Scala binary version its
 * jar is compiled against. A jar runs only where both match; {@link #checkRuntime} says so in one line at start-up,
 * before any version-specific Spark or Scala API is touched (such a call would die with NoSuchMethodError instead).
 *
 * @param name        the target's name, the infix of its jar's name (spark-3.5_2.12, spark-3.5_2.13, spark-4_2.13)
 * @param sparkLine   the Spark versions it runs on: "3.5" for 3.5.x, "4" for 4.x
 * @param scalaBinary the Scala binary version, "2.12" or "2.13"
 */
public record SparkTarget(String name, String sparkLine, String scalaBinary) {

    /** Every target the build has (the profiles of the root pom.xml). */
    public static final List<SparkTarget> ALL = List.of(
            new SparkTarget("spark-3.5_2.12", "3.5", "2.12"),
            new SparkTarget("spark-3.5_2.13", "3.5", "2.13"),
            new SparkTarget("spark-4_2.13", "4", "2.13"));

    private static final String RESOURCE = "/dam/jobs/spark-target.properties";

    /** True if this target's jar runs on Spark sparkVersion (e.g. 3.5.9, 3.5.2-amzn-1) with Scala scalaVersion (e.g. 2.12.18). */
    public boolean runsOn(String sparkVersion, String scalaVersion) {
        return (sparkVersion.equals(sparkLine) || sparkVersion.startsWith(sparkLine + "."))
                && scalaBinary.equals(scalaBinary(scalaVersion));
    }

    /** The file name of this target's spark-submit jar for project version version. */
    public String jar(String version) {
        return "dam-jobs-" + name + "-" + version + ".jar";
    }

    /** "Spark 3.5.x with Scala 2.12", "Spark 4.x with Scala 2.13". */
    public String describe() {
        return "Spark " + sparkLine + ".x with Scala " + scalaBinary;
    }

    /**
     * Empty if this target runs on the given Spark and Scala versions, else the one line that says which jar this is,
     * what runs, and the jar to use instead (or that no target supports that Spark); version is the project version.
     */
    public Optional<String> mismatch(String sparkVersion, String scalaVersion, String version) {
        if (runsOn(sparkVersion, scalaVersion)) {
            return Optional.empty();
        }
        String running = "Spark " + sparkVersion + " with Scala " + scalaVersion;
        String instead = ALL.stream().filter(t -> t.runsOn(sparkVersion, scalaVersion)).findFirst()
                .map(t -> "use " + t.jar(version) + " (mvn -P " + t.profile() + " package)")
                .orElse("no dam jar supports it (" + supported() + ")");
        return Optional.of(jar(version) + " is built for " + describe() + " but runs on " + running + ": " + instead);
    }

    /** The Maven profile that builds this target: its name, or spark-4 for the default. */
    public String profile() {
        return name.equals("spark-4_2.13") ? "spark-4" : name;
    }

    /** "2.12" of "2.12.18" (the binary version is the first two components). */
    public static String scalaBinary(String scalaVersion) {
        String[] parts = scalaVersion.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : scalaVersion;
    }

    /** The target this jar (or class path) was built for, from the resource its build wrote. */
    public static SparkTarget built() {
        Properties p = builtProperties();
        return new SparkTarget(p.getProperty("target"), p.getProperty("spark.line"), p.getProperty("scala.binary.version"));
    }

    /** The Spark version this target was compiled against (e.g. 3.5.9). */
    public static String builtSparkVersion() {
        return builtProperties().getProperty("spark.version");
    }

    /** The project version of this build. */
    public static String builtVersion() {
        return builtProperties().getProperty("project.version");
    }

    private static Properties builtProperties() {
        try (InputStream in = SparkTarget.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": missing from the class path (a jar not built by Maven?)");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The version of the Spark on the class path, empty if there is none. Read through the static forwarder of the
     * package object org.apache.spark (SPARK_VERSION), which every Spark from 1.x to 4.x has; by reflection, since
     * "package" is no Java name.
     */
    public static Optional<String> runningSparkVersion() {
        return invokeStatic("org.apache.spark.package", "SPARK_VERSION");
    }

    /** The version of the Scala library on the class path (e.g. 2.13.16), empty if there is none. */
    public static Optional<String> runningScalaVersion() {
        return invokeStatic("scala.util.Properties", "versionNumberString");
    }

    private static Optional<String> invokeStatic(String className, String method) {
        try {
            Class<?> c = Class.forName(className, true, SparkTarget.class.getClassLoader());
            return Optional.of((String) c.getMethod(method).invoke(null));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(className + "." + method + ": cannot be read, " + e, e);
        }
    }

    /**
     * Checks at start-up that the Spark and Scala on the class path are the ones this jar is built for; if not, prints
     * "dam: " and the {@link #mismatch} line to err and returns false. True where no Spark is on the class path (the
     * subcommands without Spark may run; a sweep then fails on the missing Spark itself).
     */
    public static boolean checkRuntime(PrintStream err) {
        Optional<String> mismatch;
        try {
            Optional<String> spark = runningSparkVersion();
            if (spark.isEmpty()) {
                return true;
            }
            String scala = runningScalaVersion().orElse("(none)");
            mismatch = built().mismatch(spark.get(), scala, builtVersion());
        } catch (IllegalStateException | UncheckedIOException e) {
            mismatch = Optional.of(e.getMessage());
        }
        mismatch.ifPresent(line -> {
            err.println("dam: " + line);
            err.flush();
        });
        return mismatch.isEmpty();
    }

    private static String supported() {
        StringBuilder s = new StringBuilder();
        for (SparkTarget t : ALL) {
            s.append(s.isEmpty() ? "" : ", ").append(t.describe());
        }
        return s.toString();
    }
}
