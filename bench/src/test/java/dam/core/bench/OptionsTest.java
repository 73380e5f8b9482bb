package dam.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dam.core.bench.Options.Bound;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared option parser of the benchmarks: values by name with defaults, and one-line errors naming the option. */
class OptionsTest {

    static List<Arguments> badCommandLines() {
        Consumer<Options> readS = o -> o.integer("--S", 10, 1, 1000);
        Consumer<Options> readAlphas = o -> o.reals("--alphas", new double[] {0.1}, Bound.POSITIVE);
        return List.of(
                Arguments.of(new String[] {"--S"}, readS, "--S: missing value"),
                Arguments.of(new String[] {"--S", "0"}, readS, "--S: must lie in [1, 1000], got 0"),
                Arguments.of(new String[] {"--S", "2.5"}, readS, "--S: expected integers, got '2.5'"),
                Arguments.of(new String[] {"--S", "2,3"}, readS, "--S: expected one value, got 2"),
                Arguments.of(new String[] {"--alphas", "0.1,-1"}, readAlphas, "--alphas: must be positive, got -1"),
                Arguments.of(new String[] {"--alphas", "0.1,x"}, readAlphas, "--alphas: expected numbers, got '0.1,x'"),
                Arguments.of(new String[] {"--S", "2", "--s", "3"}, readS, "--s: unknown option (see X)"),
                Arguments.of(new String[] {"--N", "64"}, (Consumer<Options>) o -> o.refuse("--N", "renamed"),
                        "--N: renamed"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badOptionsAreOneLineNamingTheOption(String[] args, Consumer<Options> read, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            Options options = new Options(args, "see X");
            read.accept(options);
            options.finish();
        });
        assertEquals(message, e.getMessage());
    }

    static List<Arguments> goodCommandLines() {
        return List.of(
                Arguments.of(new String[] {}, 10, new double[] {0.1}),
                Arguments.of(new String[] {"--S", "3", "--alphas", "0.2, 0.4"}, 3, new double[] {0.2, 0.4}),
                Arguments.of(new String[] {"--S", "3", "--S", "4"}, 4, new double[] {0.1}));
    }

    @ParameterizedTest
    @MethodSource("goodCommandLines")
    void givenValuesReplaceTheDefaultsAndTheLastOfARepeatedOptionWins(String[] args, int S, double[] alphas) {
        Options options = new Options(args, "see X");
        assertEquals(S, options.integer("--S", 10, 1, 1000));
        assertArrayEquals(alphas, options.reals("--alphas", new double[] {0.1}, Bound.POSITIVE));
        options.finish();
    }
}
