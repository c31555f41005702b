using System.Text.Json.Serialization;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>Source-generated JSON metadata for <see cref="CartSummary"/> (and <see cref="WeighedCart"/>), as an app would declare it.</summary>
[JsonSerializable(typeof(CartSummary))]
[JsonSerializable(typeof(WeighedCart))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext;
