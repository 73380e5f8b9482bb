package dam.jobs.spark;

import java.util.List;

/**
 * What differs between the Scala versions of the Spark targets, for Spark 3.5 with Scala 2.12 (one copy of this class
 * per target, in jobs/src/TARGET/java): the jobs code reaches Scala collections only through here.
 */
public final class ScalaCompat {

    private ScalaCompat() {
    }

    /** A Java view of a Scala sequence (Scala 2.12 has no scala.jdk.javaapi; its JavaConverters has the same view). */
    public static <T> List<T> asJava(scala.collection.Seq<T> seq) {
        return scala.collection.JavaConverters.seqAsJavaList(seq);
    }
}
