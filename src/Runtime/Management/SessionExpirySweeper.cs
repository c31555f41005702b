using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// Notices the expiry of logged-in sessions without Redis keyspace notifications: every
/// <see cref="TypedSessionOptions.ExpirySweepInterval"/> it takes the sessions whose expiry passed from the store's
/// per-user index (<see cref="ISessionIndexStore.TakeExpiredAsync"/>, which hands each one to exactly one caller across
/// instances) and raises <see cref="SessionEventKind.Expired"/> for them. Taking them is also what keeps the index from
/// growing with dead entries. Does nothing over a store without an index. On shutdown it lets the events already queued
/// reach their handlers.
/// </summary>
internal sealed partial class SessionExpirySweeper(SessionEngine engine) : BackgroundService
{
    internal const int BatchSize = 500;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await engine.Events.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One sweep: takes and reports every session that expired before now; returns how many.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var now = engine.Time.GetUtcNow();
            var expired = await engine.GuardedStore.IndexAsync(
                StoreOperation.Delete, now,
                static (index, now, token) => index.TakeExpiredAsync(now, BatchSize, token),
                engine.SessionOptions.IOTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var session in expired)
            {
                engine.Events.Raise(new SessionEvent(SessionEventKind.Expired, session.Owner.SessionId, session.Owner.UserId, now)
                {
                    ExpiredAt = session.ExpiresAt,
                });
            }
            total += expired.Count;
            if (expired.Count < BatchSize)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (engine.Store is not ISessionIndexStore)
        {
            return;
        }
        using var timer = new PeriodicTimer(engine.Options.ExpirySweepInterval, engine.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var swept = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (swept > 0)
                {
                    Log.Swept(engine.Logger, swept);
                }
            }
            catch (SessionUnavailableException)
            {
                // Logged and counted by the guarded store; the entries stay in the index for the next sweep.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 142, Level = LogLevel.Debug, Message = "The expiry sweep took {Count} expired sessions from the store's index.")]
        public static partial void Swept(ILogger logger, int count);
    }
}
