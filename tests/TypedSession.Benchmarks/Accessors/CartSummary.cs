namespace TypedSession.Benchmarks.Accessors;

/// <summary>The small record of the complex-value benchmarks: what a shop keeps in a session.</summary>
public sealed record CartSummary(int ItemCount, decimal Total, string Currency, DateTimeOffset UpdatedAt);
