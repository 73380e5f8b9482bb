package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Added by the jobs helper with the fix of the batch loop overflow: Spark work units run slices of trials. */
class TrialRunnerSliceTest {

    @Test
    void aSliceOfTrialsEqualsTheSamePartOfAllTrials() {
        TrialRunner runner = new TrialRunner(3, 48, 0.05, UpdateOrder.PARALLEL,
                new SimulationSettings(0.6, 8, Initialisation.EXACT, 4), 7L);
        List<TrialResult> all = runner.run(0, 12);
        List<TrialResult> slice = runner.run(6, 5); // starts inside pattern set 1, ends inside set 2
        assertEquals(5, slice.size());
        for (int i = 0; i < slice.size(); i++) {
            TrialResult a = all.get(6 + i);
            TrialResult b = slice.get(i);
            assertEquals(a.trial(), b.trial());
            assertArrayEquals(a.overlap(), b.overlap());
            assertArrayEquals(a.flips(), b.flips());
        }
    }
}
