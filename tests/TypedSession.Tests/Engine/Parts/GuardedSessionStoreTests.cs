using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using TypedSession.Stores;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Engine.Parts;

/// <summary>
/// <see cref="GuardedSessionStore"/> alone, over a store double that fails, hangs or reports a corrupt entry: the one
/// path every store call takes for its timeout, the caller's cancellation, counting, logging and wrapping.
/// </summary>
public sealed class GuardedSessionStoreTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly SessionExpiry Expiry = new(TimeSpan.FromMinutes(20), null, DateTimeOffset.UnixEpoch);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FailingSessionStore _store = new(new DistributedCacheSessionStore(
        new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), TimeProvider.System));
    private readonly FakeLogger _logger = new();
    private readonly MetricCollector<long> _failures;
    private readonly GuardedSessionStore _guarded;
    private readonly SessionStoreKey _session = new(SessionIds.NewStoreKey(), mayHaveEntry: true);

    public GuardedSessionStoreTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _failures = new MetricCollector<long>(meters, SessionMetrics.MeterName, "typedsession.failures");
        _guarded = new GuardedSessionStore(_store, new SessionMetrics(meters), _logger);
    }

    public void Dispose()
    {
        _failures.Dispose();
        _services.Dispose();
    }

    private static SessionCommit Commit() =>
        new(new Dictionary<string, byte[]> { ["a"] = [1] }, new Dictionary<string, byte[]>(), [], true, DateTimeOffset.UnixEpoch, Expiry) { CreatesEntry = true };

    private Task Call(string operation, TimeSpan timeout, CancellationToken cancellationToken = default) => operation switch
    {
        "load" => _guarded.LoadAsync(_session.StorageKey, timeout, _session, cancellationToken).AsTask(),
        "commit" => _guarded.CommitAsync(_session.StorageKey, Commit(), timeout, _session, cancellationToken).AsTask(),
        "refresh" => _guarded.RefreshAsync(_session.StorageKey, Expiry, timeout, _session, cancellationToken).AsTask(),
        _ => _guarded.DeleteAsync(_session.StorageKey, timeout, _session, cancellationToken).AsTask(),
    };

    [Theory]
    [InlineData("load", 101)]
    [InlineData("commit", 111)]
    [InlineData("refresh", 113)]
    [InlineData("delete", 122)]
    public async Task A_failing_call_is_counted_logged_with_the_session_hash_and_wrapped(string operation, int eventId)
    {
        _store.FailLoads = _store.FailCommits = _store.FailRefreshes = _store.FailDeletes = true;

        var error = await Assert.ThrowsAsync<SessionUnavailableException>(() => Call(operation, Timeout));

        Assert.IsType<StoreUnreachableException>(error.InnerException);
        Assert.Contains(nameof(StoreUnreachableException), error.Message);
        var failure = Assert.Single(_failures.GetMeasurementSnapshot());
        Assert.Equal(operation, failure.Tags["operation"]);
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(eventId, log.Id.Id);
        Assert.Contains(_session.LogHash, log.Message);
        Assert.DoesNotContain(_session.StorageKey, log.Message);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_io_timeout_fails_as_the_store_being_unavailable()
    {
        _store.HangCommits = true;

        var error = await Assert.ThrowsAsync<SessionUnavailableException>(() => Call("commit", TimeSpan.FromMilliseconds(50)));

        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Equal("commit", Assert.Single(_failures.GetMeasurementSnapshot()).Tags["operation"]);
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_its_cancellation_back_uncounted_and_unlogged()
    {
        _store.HangLoads = true;
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Call("load", Timeout, caller.Token));

        Assert.IsNotType<SessionUnavailableException>(error);
        Assert.Empty(_failures.GetMeasurementSnapshot());
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task A_corrupt_entry_reaches_the_loader_as_it_is_and_is_no_failure()
    {
        _store.CorruptLoads = true;

        await Assert.ThrowsAsync<CorruptSessionEntryException>(() => Call("load", Timeout));

        Assert.Empty(_failures.GetMeasurementSnapshot());
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Calls_that_succeed_pass_the_stores_answer_through_and_count_nothing()
    {
        await Call("commit", Timeout);

        var entry = await _guarded.LoadAsync(_session.StorageKey, Timeout, _session, default);

        Assert.Equal([1], entry!.Values["a"]);
        Assert.Empty(_failures.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task TryDelete_reports_a_failed_delete_as_false_after_logging_it()
    {
        Assert.True(await _guarded.TryDeleteAsync(_session.StorageKey, Timeout, _session, default));

        _store.FailDeletes = true;

        Assert.False(await _guarded.TryDeleteAsync(_session.StorageKey, Timeout, _session, default));
        Assert.Equal(122, Assert.Single(_logger.Collector.GetSnapshot()).Id.Id);
    }
}
