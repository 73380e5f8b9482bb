package dam.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequireTest {

    private static String message(Runnable check) {
        return assertThrows(IllegalArgumentException.class, check::run).getMessage();
    }

    @Test
    void eachCheckNamesTheParameterTheBoundAndTheValueInOneWording() {
        assertEquals("n: must be >= 2, got 1", message(() -> Require.atLeast("n", 1, 2)));
        assertEquals("m0: must lie in [-1, 1], got 1.5", message(() -> Require.within("m0", 1.5, -1, 1)));
        assertEquals("p: must lie in [0, 0.5], got -0.25", message(() -> Require.within("p", -0.25, 0, 0.5)));
        assertEquals("alpha: must be > 0 and finite, got 0.0", message(() -> Require.positiveFinite("alpha", 0)));
    }

    @Test
    void notANumberFailsAndTheBoundsThemselvesPass() {
        assertEquals("m0: must lie in [-1, 1], got NaN", message(() -> Require.within("m0", Double.NaN, -1, 1)));
        message(() -> Require.positiveFinite("alpha", Double.NaN));
        message(() -> Require.positiveFinite("alpha", Double.POSITIVE_INFINITY));
        assertDoesNotThrow(() -> {
            Require.atLeast("N", 2, 2);
            Require.within("m0", -1, -1, 1);
            Require.within("m0", 1, -1, 1);
            Require.positiveFinite("alpha", Double.MIN_VALUE);
        });
    }
}
