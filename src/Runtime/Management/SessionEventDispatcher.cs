using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace TypedSession;

/// <summary>
/// Delivers <see cref="SessionEvent"/>s to the application's <see cref="ISessionEvents"/> outside the request: raising
/// one only queues it (no allocation or work at all when no handler is registered), and one background loop per engine
/// hands the events to every handler in order, logging and swallowing a handler's failure.
/// </summary>
/// <remarks>
/// The queue is bounded (<see cref="Capacity"/>): when handlers fall that far behind, new events are dropped and
/// logged rather than growing memory without limit or slowing requests down.
/// </remarks>
internal sealed partial class SessionEventDispatcher : IDisposable
{
    internal const int Capacity = 10_000;

    private readonly ISessionEvents[] _handlers;
    private readonly ILogger _logger;
    private readonly Channel<SessionEvent>? _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _delivery = Task.CompletedTask;
    private int _disposed;

    internal SessionEventDispatcher(IEnumerable<ISessionEvents> handlers, ILogger logger)
    {
        _handlers = [.. handlers];
        _logger = logger;
        if (_handlers.Length > 0)
        {
            _queue = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(Capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.DropWrite,
            });
            _delivery = Task.Run(DeliverAsync);
        }
    }

    /// <summary>Whether any handler listens: callers skip building events nobody receives.</summary>
    internal bool HasHandlers => _queue is not null;

    /// <summary>Queues <paramref name="sessionEvent"/> for the handlers; never blocks and never throws.</summary>
    internal void Raise(SessionEvent sessionEvent)
    {
        if (_queue is not null && !_queue.Writer.TryWrite(sessionEvent))
        {
            Log.Dropped(_logger, sessionEvent.Kind, Capacity);
        }
    }

    /// <summary>Stops delivery after the events already queued, or when <paramref name="cancellationToken"/> gives up.</summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue?.Writer.TryComplete();
        await using (cancellationToken.Register(_stopping.Cancel))
        {
            await _delivery.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends delivery at once (the engine is disposed with the application's services); events still queued are dropped.
    /// Idempotent. The token source is left to the collector: the delivery loop may still be reading its token.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue?.Writer.TryComplete();
        _stopping.Cancel();
    }

    private async Task DeliverAsync()
    {
        try
        {
            await foreach (var sessionEvent in _queue!.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var handler in _handlers)
                {
                    try
                    {
                        await handler.OnSessionEventAsync(sessionEvent, _stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception exception)
                    {
                        // A handler's bug must not stop the others, nor the events after this one.
                        Log.HandlerFailed(_logger, handler.GetType().FullName, sessionEvent.Kind, exception);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped with events still queued: the application is shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 140, Level = LogLevel.Error, Message = "The session event handler {Handler} failed on a {Kind} event; the other handlers and events go on.")]
        public static partial void HandlerFailed(ILogger logger, string? handler, SessionEventKind kind, Exception exception);

        [LoggerMessage(EventId = 141, Level = LogLevel.Warning, Message = "A {Kind} session event was dropped: {Capacity} events are waiting for the handlers.")]
        public static partial void Dropped(ILogger logger, SessionEventKind kind, int capacity);
    }
}
