package dam.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dam.core.model.MemoryModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which simulated boundaries the finite-size fit takes: estimates inside their own interval of positive width. */
class FiniteSizeScalingTest {

    private static final Diagram DENSE_3 = new Diagram(MemoryModel.DENSE, 3, 0);

    @ParameterizedTest(name = "N = 1024 at {0} in ({1}, {2}): fitted sizes {3}")
    @CsvSource({
            "0.70, 0.69, 0.71, 128 256 512 1024",  // an estimate: fitted
            "1.02, 0.976, 1.0, 128 256 512",       // a search's centre past its range, interval clamped: a bound
            "0.70, 0.70, 0.70, 128 256 512",       // an interval of zero width: no weight
            "NaN, 0.69, 0.71, 128 256 512"})       // no crossing found
    void theFitTakesOnlyEstimatesInsideAnIntervalOfPositiveWidth(double value, double lower, double upper,
                                                                  String fitted) {
        List<FiniteSizeScaling.Estimate> estimates = new ArrayList<>(List.of(
                new FiniteSizeScaling.Estimate(128, 0.76, 0.74, 0.78),
                new FiniteSizeScaling.Estimate(256, 0.74, 0.725, 0.755),
                new FiniteSizeScaling.Estimate(512, 0.73, 0.72, 0.74)));
        estimates.add(new FiniteSizeScaling.Estimate(1024, value, lower, upper));
        Row row = FiniteSizeScaling.row(DENSE_3, FiniteSizeScaling.M0C, 0.1, estimates, null, 20);
        Integer[] sizes = (Integer[]) row.get(row.fieldIndex("fit_neurons"));
        assertArrayEquals(java.util.Arrays.stream(fitted.split(" ")).map(Integer::valueOf).toArray(Integer[]::new), sizes);
    }
}
