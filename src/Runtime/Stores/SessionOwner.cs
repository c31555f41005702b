namespace TypedSession.Stores;

/// <summary>
/// Who a logged-in session belongs to (<see cref="ISessionLifecycle.LogInAsync"/>): stored with the session and the key
/// of the per-user index that <see cref="ISessionIndexStore"/> keeps.
/// </summary>
/// <param name="UserId">The application's id of the user.</param>
/// <param name="SessionId">The session's <see cref="ISessionLifecycle"/> id (not its store key), which the index lists and revokes by.</param>
public sealed record SessionOwner(string UserId, string SessionId)
{
    /// <summary>What the application said about the device at login (e.g. from the User-Agent), or <see langword="null"/>; personal data, never filled by TypedSession itself.</summary>
    public string? Device { get; init; }
}
