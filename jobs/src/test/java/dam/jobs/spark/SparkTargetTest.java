package dam.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A jar runs only on the Spark line and Scala version it is built for, and says in one line which jar fits instead. */
class SparkTargetTest {

    private static SparkTarget target(String name) {
        return SparkTarget.ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
            "spark-3.5_2.12, 3.5.9,          2.12.18, true",
            "spark-3.5_2.12, 3.5.2-amzn-1,   2.12.18, true",
            "spark-3.5_2.12, 3.5.9,          2.13.8,  false",
            "spark-3.5_2.12, 3.4.4,          2.12.17, false",
            "spark-3.5_2.12, 3.50.0,         2.12.18, false",
            "spark-3.5_2.13, 3.5.9,          2.13.8,  true",
            "spark-3.5_2.13, 4.2.0,          2.13.16, false",
            "spark-4_2.13,   4.2.0,          2.13.16, true",
            "spark-4_2.13,   4.3.0,          2.13.17, true",
            "spark-4_2.13,   4.0.0-preview2, 2.13.14, true",
            "spark-4_2.13,   3.5.9,          2.13.8,  false",
            "spark-4_2.13,   40.0.0,         2.13.16, false",
    })
    void aJarRunsOnlyOnItsSparkLineWithItsScalaBinaryVersion(String name, String spark, String scala, boolean runs) {
        assertEquals(runs, target(name).runsOn(spark, scala));
        assertEquals(runs, target(name).mismatch(spark, scala, "0.1.0").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spark-4_2.13   | 3.5.9 | 2.12.18 | dam-jobs-spark-4_2.13-0.1.0.jar is built for Spark 4.x with Scala 2.13 but runs on"
                    + " Spark 3.5.9 with Scala 2.12.18: use dam-jobs-spark-3.5_2.12-0.1.0.jar (mvn -P spark-3.5_2.12 package)",
            "spark-4_2.13   | 3.5.9 | 2.13.8  | dam-jobs-spark-4_2.13-0.1.0.jar is built for Spark 4.x with Scala 2.13 but runs on"
                    + " Spark 3.5.9 with Scala 2.13.8: use dam-jobs-spark-3.5_2.13-0.1.0.jar (mvn -P spark-3.5_2.13 package)",
            "spark-3.5_2.12 | 4.3.0 | 2.13.17 | dam-jobs-spark-3.5_2.12-0.1.0.jar is built for Spark 3.5.x with Scala 2.12 but runs on"
                    + " Spark 4.3.0 with Scala 2.13.17: use dam-jobs-spark-4_2.13-0.1.0.jar (mvn -P spark-4 package)",
            "spark-3.5_2.13 | 3.5.9 | 2.12.18 | dam-jobs-spark-3.5_2.13-0.1.0.jar is built for Spark 3.5.x with Scala 2.13 but runs on"
                    + " Spark 3.5.9 with Scala 2.12.18: use dam-jobs-spark-3.5_2.12-0.1.0.jar (mvn -P spark-3.5_2.12 package)",
            "spark-3.5_2.12 | 3.4.4 | 2.12.17 | dam-jobs-spark-3.5_2.12-0.1.0.jar is built for Spark 3.5.x with Scala 2.12 but runs on"
                    + " Spark 3.4.4 with Scala 2.12.17: no dam jar supports it (Spark 3.5.x with Scala 2.12,"
                    + " Spark 3.5.x with Scala 2.13, Spark 4.x with Scala 2.13)",
    })
    void aMismatchNamesTheJarTheRunningSparkAndTheJarToUseInOneLine(String name, String spark, String scala, String line) {
        Optional<String> mismatch = target(name).mismatch(spark, scala, "0.1.0");
        assertEquals(Optional.of(line), mismatch);
        assertFalse(line.contains("\n"));
    }

    @ParameterizedTest
    @CsvSource({"2.12.18, 2.12", "2.13.16, 2.13", "2.13, 2.13", "3.3.4, 3.3"})
    void theScalaBinaryVersionIsTheFirstTwoComponents(String version, String binary) {
        assertEquals(binary, SparkTarget.scalaBinary(version));
    }

    @Test
    void everyTargetRunsOnExactlyOneLineAndScalaPairAndHasItsOwnJar() {
        List<String> pairs = SparkTarget.ALL.stream().map(t -> t.sparkLine() + "/" + t.scalaBinary()).distinct().toList();
        assertEquals(SparkTarget.ALL.size(), pairs.size());
        assertEquals(SparkTarget.ALL.size(), SparkTarget.ALL.stream().map(t -> t.jar("0.1.0")).distinct().count());
    }

    /** On every target's test class path: the build wrote its own target, and the Spark it compiled against is the one here. */
    @Test
    void theBuiltTargetIsOneOfAllAndRunsOnTheSparkOfItsClassPath() {
        SparkTarget built = SparkTarget.built();
        assertTrue(SparkTarget.ALL.contains(built), built.toString());
        String spark = SparkTarget.runningSparkVersion().orElseThrow();
        String scala = SparkTarget.runningScalaVersion().orElseThrow();
        assertEquals(SparkTarget.builtSparkVersion(), spark);
        assertTrue(built.runsOn(spark, scala), built + " on Spark " + spark + ", Scala " + scala);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertTrue(SparkTarget.checkRuntime(new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
