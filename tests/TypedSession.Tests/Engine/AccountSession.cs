namespace TypedSession.Tests.Engine;

/// <summary>A typed session for the engine's end-to-end tests through the generated API.</summary>
[Session(KeyPrefix = "account.")]
public partial class AccountSession
{
    public partial string? Username { get; set; }

    public partial string? Role { get; set; }
}
