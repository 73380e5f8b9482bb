package dam.core.theory;

import dam.core.model.MemoryModel;
import java.util.Locale;

/**
 * Prints, for docs/notes/stationary.md, the temperature-0 capacity of frozen states whose neurons are +1 where the static
 * field exceeds -kappa Gamma (kappa = 0: the stationary state's sign of u), and the state of that rule at given loads,
 * to compare with the dynamics' measured m, chi and Gamma. Run like {@link StationaryEvidence}:
 * {@code dam.core.theory.SelectionScan [model]}.
 */
final class SelectionScan {

    private SelectionScan() {
    }

    /** Prints alpha_c(kappa) per n and the kappa = 0.25 states at the loads of the notes' measurements. */
    public static void main(String[] args) {
        MemoryModel model = args.length > 0 ? MemoryModel.parse(args[0]) : MemoryModel.DENSE;
        double[] kappas = {0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5};
        System.out.println("| n | " + String.join(" | ", java.util.Arrays.stream(kappas)
                .mapToObj(k -> "kappa = " + k).toArray(String[]::new)) + " |");
        for (int n = 2; n <= 4; n++) {
            StringBuilder row = new StringBuilder("| " + n + " |");
            for (double kappa : kappas) {
                RetrievalBranch.Point fold = new RetrievalBranch(NoiseKernel.of(model, n), 0, kappa).fold();
                row.append(fold == null ? " no fold |" : String.format(Locale.ROOT, " %.4f (m %.3f) |", fold.alpha(), fold.m()));
            }
            System.out.println(row);
        }
        double[][] loads = {{2, 0.13}, {2, 0.138}, {3, 0.06}, {3, 0.08}, {3, 0.09}, {3, 0.1}, {4, 0.012}, {4, 0.014}};
        for (double kappa : new double[] {0, 0.25}) {
            for (double[] load : loads) {
                int n = (int) load[0];
                NoiseKernel kernel = NoiseKernel.of(model, n);
                RetrievalBranch branch = new RetrievalBranch(kernel, 0, kappa);
                RetrievalBranch.Point p = branch.atLoad(load[1]);
                if (p == null) {
                    System.out.printf(Locale.ROOT, "kappa = %.2f, n = %d, alpha = %.4f: none%n", kappa, n, load[1]);
                    continue;
                }
                double gamma = n == 2 ? p.alpha() * p.chi() / (1 - p.chi()) : p.alpha() * kernel.derivative(1) * p.chi();
                System.out.printf(Locale.ROOT, "kappa = %.2f, n = %d, alpha = %.4f: m = %.5f, chi = %.5f, Gamma = %.5f%n",
                        kappa, n, load[1], p.m(), p.chi(), gamma);
            }
        }
    }
}
