using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using static TypedSession.Benchmarks.Accessors.SessionValuesFixture;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// The session's whole share of one request, without HTTP: the store creates the session, it is loaded, three values
/// are read and one written, and the change is committed in memory. It separates what the end-to-end
/// runs measure into the engine's cost (hand-written code over each store) and the generated code's cost (typed against
/// hand-written over the engine). Baseline: hand-written code on the stock session.
/// </summary>
[MemoryDiagnoser]
[HideColumns("Job", "Error", "RatioSD", "Alloc Ratio")]
public class RequestCycleBenchmarks
{
    private ISessionStore stockStore = null!;
    private ISessionStore engineStore = null!;
    private ISessionStore adapterStore = null!;
    private string stockKey = null!;
    private string engineKey = null!;
    private string adapterKey = null!;

    /// <summary>Starts one session in each store.</summary>
    [GlobalSetup]
    public void StartSessions()
    {
        stockStore = LoadedSessions.CreateStore(SessionKind.Stock);
        engineStore = LoadedSessions.CreateStore(SessionKind.Engine);
        stockKey = LoadedSessions.StartSession(stockStore);
        engineKey = LoadedSessions.StartSession(engineStore);
        adapterStore = LoadedSessions.CreateEngineOverDistributedCache();
        adapterKey = LoadedSessions.StartSession(adapterStore);
    }

    /// <summary>Hand-written code on the stock session.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Stock_HandWritten() => HandWrittenAsync(stockStore, stockKey);

    /// <summary>The same hand-written code on TypedSession's engine.</summary>
    [Benchmark]
    public Task<int> Engine_HandWritten() => HandWrittenAsync(engineStore, engineKey);

    /// <summary>The same hand-written code on the engine over the <c>IDistributedCache</c> adapter (an app's own cache).</summary>
    [Benchmark]
    public Task<int> Engine_HandWritten_DistributedCache() => HandWrittenAsync(adapterStore, adapterKey);

    /// <summary>TypedSession: the engine and the generated properties.</summary>
    [Benchmark]
    public async Task<int> Engine_Typed()
    {
        var raw = Open(engineStore, engineKey);
        await raw.LoadAsync();
        var session = BenchmarkSession.Create(raw);
        var visits = session.Username is null || !session.IsLoggedIn ? 0 : session.Visits + 1;
        session.Visits = visits;
        await raw.CommitAsync();
        return visits;
    }

    private static async Task<int> HandWrittenAsync(ISessionStore store, string key)
    {
        var session = Open(store, key);
        await session.LoadAsync();
        var visits = session.GetString(UsernameKey) is null || session.GetInt32(IsLoggedInInt32Key) != 1 ? 0 : (session.GetInt32(VisitsKey) ?? 0) + 1;
        session.SetInt32(VisitsKey, visits);
        await session.CommitAsync();
        return visits;
    }

    private static ISession Open(ISessionStore store, string key) =>
        store.Create(key, LoadedSessions.IdleTimeout, LoadedSessions.IoTimeout, static () => true, isNewSessionKey: false);
}
