using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// What every accessor benchmark shares: a loaded session, a typed view whose properties were read once (repeated
/// reads), and a typed view to write through. Each derived class measures one value type; its categories are the
/// operations, each with the hand-written stock code as baseline so that the ratio column compares against it.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[HideColumns("Job", "Error", "RatioSD", "Alloc Ratio")]
public abstract class AccessorBenchmarks
{
    /// <summary>First access to a value in a request, creating the typed session object included.</summary>
    protected const string FirstRead = "FirstRead";

    /// <summary>Another read of the same value later in the same request.</summary>
    protected const string RepeatedRead = "RepeatedRead";

    /// <summary>Setting the value.</summary>
    protected const string Write = "Write";

    private BenchmarkSession? requestSession;

    /// <summary>The <see cref="ISession"/> implementation under the accessors.</summary>
    [ParamsAllValues]
    public SessionKind Store { get; set; }

    /// <summary>The request's loaded session.</summary>
    protected ISession Session { get; private set; } = null!;

    /// <summary>A typed view whose properties have each been read once.</summary>
    protected BenchmarkSession ReadTyped { get; private set; } = null!;

    /// <summary>A typed view that the write benchmarks set properties on.</summary>
    protected BenchmarkSession WriteTyped { get; private set; } = null!;

    /// <summary>
    /// A typed view created as a request creates it and kept, as the request keeps it (in a field here), so that the
    /// JIT cannot allocate it on the stack and the first-read benchmarks pay for a real object.
    /// </summary>
    protected BenchmarkSession NewRequestSession() => requestSession = BenchmarkSession.Create(Session);

    /// <summary>Loads the session and prepares the typed views.</summary>
    [GlobalSetup]
    public void LoadSession()
    {
        Session = LoadedSessions.Create(Store);
        ReadTyped = BenchmarkSession.Create(Session);
        if (ReadTyped.Username != SessionValuesFixture.Username
            || ReadTyped.Visits != SessionValuesFixture.Visits
            || ReadTyped.IsLoggedIn != SessionValuesFixture.IsLoggedIn
            || ReadTyped.Cart != SessionValuesFixture.Cart)
        {
            throw new InvalidOperationException("The typed session does not read the seeded values.");
        }
        WriteTyped = BenchmarkSession.Create(Session);
    }
}
