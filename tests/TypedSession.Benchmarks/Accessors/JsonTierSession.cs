namespace TypedSession.Benchmarks.Accessors;

/// <summary>A session class whose JSON properties get generated codecs for <see cref="JsonTierBenchmarks"/>.</summary>
[Session(JsonContext = typeof(BenchmarkJsonContext))]
public sealed partial class JsonTierSession
{
    /// <summary>Served by the byte tier.</summary>
    public partial CartSummary? Cart { get; set; }

    /// <summary>Served by the Utf8JsonWriter/Utf8JsonReader tier.</summary>
    public partial WeighedCart? WeighedCart { get; set; }
}
