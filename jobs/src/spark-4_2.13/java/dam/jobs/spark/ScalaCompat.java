package dam.jobs.spark;

import java.util.List;

/**
 * What differs between the Scala versions of the Spark targets, for Spark 4.x with Scala 2.13 (one copy of this class
 * per target, in jobs/src/TARGET/java): the jobs code reaches Scala collections only through here.
 */
public final class ScalaCompat {

    private ScalaCompat() {
    }

    /** A Java view of a Scala sequence (Scala 2.13: scala.jdk.javaapi.CollectionConverters). */
    public static <T> List<T> asJava(scala.collection.Seq<T> seq) {
        return scala.jdk.javaapi.CollectionConverters.asJava(seq);
    }
}
