namespace TypedSession.Benchmarks.Compilation;

/// <summary>One source file of a synthetic project.</summary>
public sealed record SourceFile(string Path, string Text);
