namespace TypedSession.Stores;

/// <summary>How long a store keeps a session.</summary>
/// <param name="IdleTimeout">The session expires this long after its last commit or refresh.</param>
/// <param name="AbsoluteExpiration">The session expires at this instant whatever its activity; <see langword="null"/> for none.</param>
/// <param name="Now">The engine's clock at the time of the write, so that stores and tests share one time source.</param>
public readonly record struct SessionExpiry(TimeSpan IdleTimeout, DateTimeOffset? AbsoluteExpiration, DateTimeOffset Now)
{
    /// <summary>How long the store should keep the entry from <see cref="Now"/>: the idle timeout, cut short by the absolute expiry.</summary>
    public TimeSpan TimeToLive =>
        AbsoluteExpiration is { } absolute && absolute - Now < IdleTimeout
            ? (absolute - Now > TimeSpan.Zero ? absolute - Now : TimeSpan.Zero)
            : IdleTimeout;
}
