package dam.core.analysis;

import java.util.Arrays;

/**
 * Where a round's pattern sets go: the Bayesian design that minimises the expected squared width of the interval of
 * the crossing c of a rising logistic P(x) = 1 / (1 + exp(-(x - c) / s)), the scale s a nuisance parameter.
 *
 * <p>The posterior of (c, log s) lives on a grid (as QUEST keeps its posterior of the threshold on a grid): flat in c
 * over the search range widened by a quarter on each side, flat in log s from a quarter of the lattice step to the
 * whole range; the likelihood is binomial in counts divided by their design effect, so that correlated trials of a
 * pattern set count as the independent trials they are worth. The cells holding 99.9% of the mass (at most
 * {@value #MAX_CELLS}) stand for the posterior. For a cell, the Fisher information about (c, log s) of the data
 * already taken plus a candidate allocation gives the asymptotic variances of c and of log s; the interval's half-width
 * is t Sd(c) with t at the slope's degrees of freedom 1 / (2 Var(log s)) (as {@link BoundaryEstimate} takes it), and the
 * posterior mean of (t/z)^2 Var(c) is the design's loss. Near c the information about c is largest and that about the
 * slope smallest, so the loss keeps the points within about one s of c but on both sides, and spreads them while the
 * slope is poorly known (a loss of E[Var(c)] alone piled every set onto c and never learnt the slope the interval
 * needs). Sets are added in chunks, each chunk to the lattice point that lowers the loss most, until the predicted
 * width of the interval of c reaches the aim or the round's cap. Every function is
 * evaluated with {@link StrictMath} and ties go to the lowest lattice index, so the allocation is the same bit for bit
 * on every JVM.
 */
final class BoundaryDesign {

    /** The most posterior cells the loss averages over. */
    static final int MAX_CELLS = 1500;
    /** The most lattice points a round considers (evenly thinned beyond that). */
    static final int MAX_CANDIDATES = 400;
    private static final int SCALES = 24;
    private static final double Z975 = 1.959963984540054;
    /** Beyond |eta| = 40 the logistic is 0 or 1 to 4e-18: no transcendental function is evaluated there. */
    private static final double TAIL = 40;
    private static final double KEPT_MASS = 0.999;
    /** Prior precision of log s, which keeps the information matrix invertible where the data say nothing. */
    private static final double LOG_SCALE_PRECISION = 1;

    private final double[] lattice;
    private final double range;
    private final double[] cellCentre;
    private final double[] cellScale;
    private final double[] cellMass;

    /**
     * The posterior from counts k of n at points x (tempered: divided by each point's design effect), for the lattice
     * from .. to with the given step.
     */
    BoundaryDesign(double[] lattice, double[] x, double[] k, double[] n) {
        this.lattice = lattice.clone();
        double from = lattice[0];
        double to = lattice[lattice.length - 1];
        this.range = to - from;
        double step = range / (lattice.length - 1);
        double lo = from - range / 4;
        int centres = (int) StrictMath.round(1.5 * range / step) + 1;
        double logMin = StrictMath.log(step / 4);
        double logMax = StrictMath.log(range);
        int cells = centres * SCALES;
        double[] logPost = new double[cells];
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < centres; a++) {
            double c = lo + 1.5 * range * a / (centres - 1);
            for (int m = 0; m < SCALES; m++) {
                double s = StrictMath.exp(logMin + (logMax - logMin) * m / (SCALES - 1));
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    double eta = (x[i] - c) / s;
                    // k log P + (n - k) log(1 - P) = k eta - n log(1 + e^eta); log(1 + e^-40) < 5e-18 is dropped.
                    double softplus = eta > TAIL ? eta : eta < -TAIL ? 0
                            : eta > 0 ? eta + StrictMath.log1p(StrictMath.exp(-eta)) : StrictMath.log1p(StrictMath.exp(eta));
                    sum += k[i] * eta - n[i] * softplus;
                }
                logPost[a * SCALES + m] = sum;
                max = StrictMath.max(max, sum);
            }
        }
        double total = 0;
        double[] mass = new double[cells];
        for (int q = 0; q < cells; q++) {
            mass[q] = StrictMath.exp(logPost[q] - max);
            total += mass[q];
        }
        Integer[] order = new Integer[cells];
        for (int q = 0; q < cells; q++) {
            order[q] = q;
            mass[q] /= total;
        }
        // Heaviest cells first; equal masses in index order, so the kept set is the same everywhere.
        Arrays.sort(order, (p, q) -> mass[p] != mass[q] ? Double.compare(mass[q], mass[p]) : Integer.compare(p, q));
        int kept = 0;
        double cumulative = 0;
        while (kept < StrictMath.min(cells, MAX_CELLS) && cumulative < KEPT_MASS) {
            cumulative += mass[order[kept++]];
        }
        cellCentre = new double[kept];
        cellScale = new double[kept];
        cellMass = new double[kept];
        for (int j = 0; j < kept; j++) {
            int q = order[j];
            cellCentre[j] = lo + 1.5 * range * (q / SCALES) / (centres - 1);
            cellScale[j] = StrictMath.exp(logMin + (logMax - logMin) * (q % SCALES) / (SCALES - 1));
            cellMass[j] = mass[q] / cumulative;
        }
    }

    /**
     * The sets per lattice index for one round: chunks of chunkSets sets, each to the candidate lowering the loss
     * E[(t/z)^2 Var(c)] most, at least minChunks and at most maxChunks of them, on at most maxPoints distinct points,
     * stopping once the predicted interval width ratio * 2 z sqrt(loss) is at most aimWidth.
     *
     * @param x            the points already run (tempered counts n as in the constructor)
     * @param n            tempered trials at x
     * @param setWeight    the tempered trials a new set is worth
     * @param ratio        observed interval width over the width predicted for the data already taken (1 if unknown)
     */
    int[] allocate(double[] x, double[] n, double setWeight, int chunkSets, int minChunks, int maxChunks, int maxPoints,
                   double ratio, double aimWidth) {
        int cells = cellMass.length;
        double[][] j = information(x, n);
        double[] jcc = j[0];
        double[] jcl = j[1];
        double[] jll = j[2];
        int[] candidates = candidates();
        int count = candidates.length;
        double[][] icc = new double[count][cells];
        double[][] icl = new double[count][cells];
        double[][] ill = new double[count][cells];
        double chunkWeight = setWeight * chunkSets;
        for (int a = 0; a < count; a++) {
            double xa = lattice[candidates[a]];
            for (int q = 0; q < cells; q++) {
                double s = cellScale[q];
                double z = (xa - cellCentre[q]) / s;
                double p = StrictMath.abs(z) > TAIL ? 0 : BoundaryEstimate.sigmoid(z);
                double w = chunkWeight * p * (1 - p);
                icc[a][q] = w / (s * s);
                icl[a][q] = w * z / s;
                ill[a][q] = w * z * z;
            }
        }
        double scale = ratio * 2 * Z975;
        double predicted = scale * StrictMath.sqrt(loss(jcc, jcl, jll, null));
        int[] sets = new int[lattice.length];
        int distinct = 0;
        for (int chunk = 0; chunk < maxChunks; chunk++) {
            if (chunk >= minChunks && predicted <= aimWidth) {
                break;
            }
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int a = 0; a < count; a++) {
                if (distinct >= maxPoints && sets[candidates[a]] == 0) {
                    continue;
                }
                double l = loss(jcc, jcl, jll, new double[][] {icc[a], icl[a], ill[a]});
                if (l < bestLoss) {
                    bestLoss = l;
                    best = a;
                }
            }
            if (best < 0) {
                best = count / 2; // no finite loss anywhere (cannot happen with the prior's information): the middle
            }
            for (int q = 0; q < cells; q++) {
                jcc[q] += icc[best][q];
                jcl[q] += icl[best][q];
                jll[q] += ill[best][q];
            }
            distinct += sets[candidates[best]] == 0 ? 1 : 0;
            sets[candidates[best]] += chunkSets;
            predicted = scale * StrictMath.sqrt(bestLoss);
        }
        return sets;
    }

    /** The width 2 z sqrt(E[(t/z)^2 Var(c)]) the design predicts for the data taken (tempered trials n at x). */
    double width(double[] x, double[] n) {
        double[][] j = information(x, n);
        return 2 * Z975 * StrictMath.sqrt(loss(j[0], j[1], j[2], null));
    }

    /** Per cell, the information J = sum n w (1/s^2, z/s; z/s, z^2) of the data taken, plus the prior's. */
    private double[][] information(double[] x, double[] n) {
        int cells = cellMass.length;
        double[] jcc = new double[cells];
        double[] jcl = new double[cells];
        double[] jll = new double[cells];
        for (int q = 0; q < cells; q++) {
            jcc[q] = 1 / (range * range);
            jll[q] = LOG_SCALE_PRECISION;
            for (int i = 0; i < x.length; i++) {
                addInformation(q, x[i], n[i], jcc, jcl, jll);
            }
        }
        return new double[][] {jcc, jcl, jll};
    }

    /** E[(t/z)^2 Var(c)] over the cells for information J (+ the candidate's, if given): the squared half-width / z^2. */
    private double loss(double[] jcc, double[] jcl, double[] jll, double[][] add) {
        double sum = 0;
        for (int q = 0; q < cellMass.length; q++) {
            double cc = jcc[q];
            double cl = jcl[q];
            double ll = jll[q];
            if (add != null) {
                cc += add[0][q];
                cl += add[1][q];
                ll += add[2][q];
            }
            double det = cc * ll - cl * cl;
            // The interval's half-width is t Sd(c), t with the slope's degrees of freedom 1 / (2 Var(log s)), at least 1.
            double t = BoundaryEstimate.studentQuantile975(StrictMath.max(1, det / (2 * cc))) / Z975;
            sum += cellMass[q] * t * t * ll / det;
        }
        return sum;
    }

    private void addInformation(int q, double x, double n, double[] jcc, double[] jcl, double[] jll) {
        double s = cellScale[q];
        double z = (x - cellCentre[q]) / s;
        double p = StrictMath.abs(z) > TAIL ? 0 : BoundaryEstimate.sigmoid(z);
        double w = n * p * (1 - p);
        jcc[q] += w / (s * s);
        jcl[q] += w * z / s;
        jll[q] += w * z * z;
    }

    /**
     * The lattice indices worth considering: those within 4 scales of a kept cell's centre, thinned evenly to at most
     * {@value #MAX_CANDIDATES}.
     */
    private int[] candidates() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < cellMass.length; q++) {
            lo = StrictMath.min(lo, cellCentre[q] - 4 * cellScale[q]);
            hi = StrictMath.max(hi, cellCentre[q] + 4 * cellScale[q]);
        }
        int first = 0;
        while (first < lattice.length - 1 && lattice[first + 1] <= lo) {
            first++;
        }
        int last = lattice.length - 1;
        while (last > first && lattice[last - 1] >= hi) {
            last--;
        }
        int span = last - first + 1;
        int stride = (span + MAX_CANDIDATES - 1) / MAX_CANDIDATES;
        int[] out = new int[(span + stride - 1) / stride];
        for (int a = 0; a < out.length; a++) {
            out[a] = first + a * stride;
        }
        return out;
    }
}
