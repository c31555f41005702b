namespace TypedSession.Benchmarks.Accessors;

/// <summary>The session class every accessor benchmark reads and writes through TypedSession's generated code.</summary>
[Session(JsonContext = typeof(BenchmarkJsonContext))]
public sealed partial class BenchmarkSession
{
    /// <summary>Stored as <c>SetString</c> stores it.</summary>
    public partial string? Username { get; set; }

    /// <summary>Stored as <c>SetInt32</c> stores it.</summary>
    public partial int Visits { get; set; }

    /// <summary>One byte.</summary>
    public partial bool IsLoggedIn { get; set; }

    /// <summary>UTF-8 JSON through source-generated metadata.</summary>
    public partial CartSummary? Cart { get; set; }
}
