using System.Diagnostics.Metrics;

namespace TypedSession;

// The engine's instruments on the "TypedSession" meter. Tags are low-cardinality outcomes, never keys or ids.
internal sealed class SessionMetrics
{
    internal const string MeterName = "TypedSession";

    private readonly Counter<long> _loads;
    private readonly Histogram<double> _loadDuration;
    private readonly Counter<long> _commits;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _bytesWritten;
    private readonly Counter<long> _droppedWrites;

    internal SessionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _loads = meter.CreateCounter<long>("typedsession.loads", "{load}",
            "Session loads from the store, tagged with their result: found, missing, expired, corrupt or failed.");
        _loadDuration = meter.CreateHistogram<double>("typedsession.load.duration", "s",
            "Duration of session loads from the store.");
        _commits = meter.CreateCounter<long>("typedsession.commits", "{commit}",
            "Session writes to the store that succeeded.");
        _refreshes = meter.CreateCounter<long>("typedsession.refreshes", "{refresh}",
            "Expiry refreshes of unchanged sessions that succeeded.");
        _failures = meter.CreateCounter<long>("typedsession.failures", "{failure}",
            "Store calls that failed, tagged with the operation: load, commit, refresh or delete.");
        _bytesWritten = meter.CreateCounter<long>("typedsession.bytes_written", "By",
            "Bytes of keys and values handed to the store by successful writes (the whole session when it is replaced, the changed keys otherwise).");
        _droppedWrites = meter.CreateCounter<long>("typedsession.dropped_writes", "{write}",
            "Session writes the store did not apply because the session had ended (destroyed, regenerated or expired) while the request ran.");
    }

    internal void Load(string result, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("result", result);
        _loads.Add(1, tag);
        _loadDuration.Record(duration.TotalSeconds, tag);
    }

    internal void Commit(long bytes)
    {
        _commits.Add(1);
        _bytesWritten.Add(bytes);
    }

    internal void Refresh() => _refreshes.Add(1);

    internal void WriteDropped() => _droppedWrites.Add(1);

    internal void Failure(string operation) => _failures.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
