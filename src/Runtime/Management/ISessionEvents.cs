namespace TypedSession;

/// <summary>
/// Receives session events: register implementations in DI (<c>services.AddSingleton&lt;ISessionEvents, MyHandler&gt;()</c>;
/// several may be). Handlers run outside the request, one event at a time per application instance, in the order the
/// events happened on that instance; a handler that throws is logged and never breaks a request, the sweep or the
/// other handlers.
/// </summary>
/// <remarks>
/// Delivery is at least once for <see cref="SessionEventKind.Expired"/> (the sweep takes each expired session from the
/// store's index exactly once; an instance that stops before delivering loses it) and best effort for the others (an
/// instance that stops drops what it has not delivered yet).
/// </remarks>
public interface ISessionEvents
{
    /// <summary>Handles one event.</summary>
    Task OnSessionEventAsync(SessionEvent sessionEvent, CancellationToken cancellationToken);
}
