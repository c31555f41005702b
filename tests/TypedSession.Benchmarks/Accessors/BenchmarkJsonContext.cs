using System.Text.Json.Serialization;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>Source-generated JSON metadata for <see cref="CartSummary"/>, as an app would declare it.</summary>
[JsonSerializable(typeof(CartSummary))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext;
