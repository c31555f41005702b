namespace TypedSession.Sample;

/// <summary>
/// What the sample keeps per visitor: express-session's <c>req.session.username</c>, <c>role</c> and
/// <c>isLoggedIn</c>, typed. The generator implements the properties over the request's session; each is stored under
/// its own name, so <c>HttpContext.Session.GetString("Username")</c> reads the same value.
/// </summary>
[Session]
public partial class UserSession
{
    /// <summary>The name the visitor logged in with; <see langword="null"/> removes it.</summary>
    public partial string? Username { get; set; }

    /// <summary>The role chosen at login.</summary>
    public partial string? Role { get; set; }

    /// <summary>Whether the visitor has logged in.</summary>
    public partial bool IsLoggedIn { get; set; }
}
