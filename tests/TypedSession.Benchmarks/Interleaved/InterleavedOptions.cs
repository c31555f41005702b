namespace TypedSession.Benchmarks.Interleaved;

/// <summary>How long the interleaved runner measures.</summary>
/// <param name="Rounds">Rounds per category; each runs one slice of every benchmark of the category.</param>
/// <param name="Slice">The least time one slice takes (at least one call).</param>
/// <param name="WarmUp">How long to call each benchmark before measuring, for tiered compilation to settle.</param>
/// <param name="MinWarmUpCalls">The fewest calls of the warm-up, however long they take.</param>
public sealed record InterleavedOptions(int Rounds, TimeSpan Slice, TimeSpan WarmUp, int MinWarmUpCalls)
{
    /// <summary>For nanosecond accessors: many short slices.</summary>
    public static InterleavedOptions Accessors { get; } = new(200, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(500), 2);

    /// <summary>For compilations that take milliseconds to seconds: one call per slice, a few rounds.</summary>
    public static InterleavedOptions Compilation { get; } = new(5, TimeSpan.Zero, TimeSpan.Zero, 1);
}
