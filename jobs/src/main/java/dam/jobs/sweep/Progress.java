package dam.jobs.sweep;

import dam.jobs.spark.ScalaCompat;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress on stderr: trials finished of the total (from the tasks' "dam.trials" accumulator),
 * grid points committed, trials per second and estimated time left. At most one line every
 * two seconds, plus one per committed batch.
 */
public final class Progress extends SparkListener {

    /** The name of the accumulator each simulation task adds its trial count to. */
    public static final String TRIALS = "dam.trials";

    private final PrintStream err;
    private final long totalTrials;
    private final int totalPoints;
    private final long startNanos = System.nanoTime();
    private long trialsDone;
    private int pointsDone;
    private long lastPrint;

    /** Progress of a run of totalTrials trials over totalPoints points, pointsDone of them already committed. */
    public Progress(PrintStream err, long totalTrials, int totalPoints, int pointsDone) {
        this.err = err;
        this.totalTrials = totalTrials;
        this.totalPoints = totalPoints;
        this.pointsDone = pointsDone;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (!(end.reason() instanceof Success$)) {
            return;
        }
        for (AccumulableInfo a : ScalaCompat.asJava(end.taskInfo().accumulables())) {
            if (a.name().isDefined() && TRIALS.equals(a.name().get()) && a.update().isDefined()) {
                trialsDone += ((Number) a.update().get()).longValue();
            }
        }
        print(false);
    }

    /** Records that a batch of points was committed and prints a line. */
    public synchronized void committed(int points) {
        pointsDone += points;
        print(true);
    }

    /** Trials finished so far in this run. */
    public synchronized long trialsDone() {
        return trialsDone;
    }

    private void print(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < 2_000_000_000L) {
            return;
        }
        lastPrint = now;
        double secs = (now - startNanos) / 1e9;
        double rate = trialsDone / Math.max(secs, 1e-9);
        long left = Math.max(0, totalTrials - trialsDone);
        String eta = trialsDone == 0 ? "?" : duration(left / Math.max(rate, 1e-9));
        err.printf(Locale.ROOT, "[sweep] points %d/%d committed, trials %d/%d, %.0f trials/s, elapsed %s, eta %s%n",
                pointsDone, totalPoints, trialsDone, totalTrials, rate, duration(secs), eta);
        err.flush();
    }

    /** h:mm:ss. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
