package dam.core.analysis;

/** What a boundary search does next: run a round ({@link BoundaryRound}) or stop ({@link BoundaryStop}). */
public sealed interface BoundaryStep permits BoundaryRound, BoundaryStop {
}
