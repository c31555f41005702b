using Microsoft.AspNetCore.DataProtection;

namespace TypedSession.Tests.DataProtection;

/// <summary>
/// An application's own <see cref="IDataProtectionProvider"/> over a real one, whose session cookie protector
/// (<c>"SessionMiddleware"</c>) counts the calls that reach it; other purposes pass through.
/// </summary>
public sealed class CountingDataProtectionProvider(IDataProtectionProvider inner) : IDataProtectionProvider
{
    /// <summary>The session cookie's protector, counting.</summary>
    public CountingDataProtector SessionCookieProtector { get; } = new(inner.CreateProtector("SessionMiddleware"));

    /// <inheritdoc />
    public IDataProtector CreateProtector(string purpose) =>
        purpose == "SessionMiddleware" ? SessionCookieProtector : inner.CreateProtector(purpose);
}
