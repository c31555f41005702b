namespace TypedSession;

/// <summary>One of a user's live sessions, as <see cref="ISessionDirectory.GetSessionsAsync"/> lists it.</summary>
/// <param name="Id">The session's id (<see cref="Microsoft.AspNetCore.Http.ISession.Id"/>); compare with the current session's to mark it.</param>
/// <param name="UserId">The user it is logged in as.</param>
/// <param name="CreatedAt">When the session was created.</param>
/// <param name="LastAccessedAt">When its expiry was last extended, as the store knows it (up to one refresh window behind the latest request).</param>
/// <param name="ExpiresAt">When it ends unless used again.</param>
/// <param name="IsPersistent">Whether the user chose to be remembered on that device.</param>
/// <param name="Device">What the application recorded about the device at login, or <see langword="null"/>.</param>
public sealed record SessionInfo(
    string Id,
    string UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessedAt,
    DateTimeOffset ExpiresAt,
    bool IsPersistent,
    string? Device);
