package dam.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dam.core.theory.NoiseKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryModelTest {

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void keysRoundTripCaseInsensitively(MemoryModel m) {
        assertEquals(m, MemoryModel.parse(m.key()));
        assertEquals(m, MemoryModel.parse(" " + m.key().toUpperCase(java.util.Locale.ROOT) + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"krotov", "", "p-body"})
    void unknownKeysAreRefusedNamingTheChoices(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryModel.parse(s));
        assertEquals("expected dense or pbody, got '" + s + "'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"DENSE,2,1", "DENSE,3,3", "DENSE,4,15", "DENSE,5,105", "PBODY,2,1", "PBODY,3,2", "PBODY,4,6", "PBODY,5,24"})
    void crosstalkVarianceIsTheKernelAtOne(MemoryModel m, int n, long expected) {
        assertEquals(expected, m.crosstalkVariance(n).longValueExact());
        assertEquals(expected, NoiseKernel.of(m, n).value(1), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"DENSE,2,1000,4000", "DENSE,3,100,60000", "PBODY,2,1000,1000", "PBODY,3,100,5000", "PBODY,4,10,166.66666666666666"})
    void fieldUnitMakesTheCondensedSignalIntensive(MemoryModel m, int n, int N, double unit) {
        assertEquals(unit, m.fieldUnit(n, N), 1e-9 * unit);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void pBodyKernelIsTheTopTermOfLemmaOne(int n) {
        NoiseKernel dense = NoiseKernel.of(MemoryModel.DENSE, n);
        NoiseKernel pbody = NoiseKernel.of(MemoryModel.PBODY, n);
        // the top coefficient of Lemma 1 is A(l, l) = l!: P_dense(c) / c^l -> l! as c grows
        double c = 1e4;
        assertEquals(pbody.value(c) / Math.pow(c, n - 1), dense.value(c) / Math.pow(c, n - 1), 1e-3 * pbody.value(1));
        double h = 1e-6;
        assertEquals((pbody.value(0.5 + h) - pbody.value(0.5 - h)) / (2 * h), pbody.derivative(0.5), 1e-6);
    }
}
