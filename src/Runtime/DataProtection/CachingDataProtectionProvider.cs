using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Primitives;

namespace TypedSession.DataProtection;

/// <summary>
/// The application's <see cref="IDataProtectionProvider"/> with a cache in front of the session cookie's protector: the
/// purpose <c>"SessionMiddleware"</c>, which both the stock session middleware and the engine ask for, gets one
/// <see cref="CachingDataProtector"/> (so that a cookie the engine issues is a hit when the middleware reads it back);
/// every other purpose goes to the application's provider untouched.
/// </summary>
internal sealed class CachingDataProtectionProvider : IDataProtectionProvider, IDisposable
{
    private readonly IDataProtectionProvider _inner;
    private readonly IDisposable? _revocations;
    private readonly bool _ownsInner;

    /// <param name="inner">The application's provider.</param>
    /// <param name="options">The cache's size and duration.</param>
    /// <param name="time">The clock of the cache's entries.</param>
    /// <param name="keyManager">
    /// The key manager whose cache expiration token fires when a key is revoked or created in this process; the cache
    /// is cleared then. <see langword="null"/> when the application has none.
    /// </param>
    /// <param name="ownsInner">Whether <paramref name="inner"/> was built for this provider and so is disposed with it.</param>
    internal CachingDataProtectionProvider(
        IDataProtectionProvider inner, TypedSessionOptions options, TimeProvider time, IKeyManager? keyManager, bool ownsInner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _ownsInner = ownsInner;
        SessionCookieProtector = new CachingDataProtector(
            inner.CreateProtector(SessionCookie.ProtectorPurpose), options.CookieCacheSize, options.CookieCacheDuration, time);
        if (keyManager is not null)
        {
            // ChangeToken.OnChange subscribes again to the key manager's new token each time the last one fires (on
            // RevokeKey, RevokeAllKeys and CreateNewKey in this process).
            var protector = SessionCookieProtector;
            _revocations = ChangeToken.OnChange(
                () => new CancellationChangeToken(keyManager.GetCacheExpirationToken()), () => OnKeysChanged(protector, keyManager));
        }
    }

    // Runs inside the key manager's RevokeKey/RevokeAllKeys/CreateNewKey, which must not fail because of the cache.
    private static void OnKeysChanged(CachingDataProtector protector, IKeyManager keyManager)
    {
        List<Guid>? revoked;
        try
        {
            revoked = [.. keyManager.GetAllKeys().Where(static key => key.IsRevoked).Select(static key => key.KeyId)];
        }
        catch (Exception)
        {
            revoked = null;
        }
        protector.Clear(revoked);
    }

    /// <summary>The protector with the cache, the one every <c>CreateProtector("SessionMiddleware")</c> gets.</summary>
    internal CachingDataProtector SessionCookieProtector { get; }

    /// <inheritdoc />
    public IDataProtector CreateProtector(string purpose) =>
        string.Equals(purpose, SessionCookie.ProtectorPurpose, StringComparison.Ordinal)
            ? SessionCookieProtector
            : _inner.CreateProtector(purpose);

    /// <inheritdoc />
    public void Dispose()
    {
        _revocations?.Dispose();
        if (_ownsInner)
        {
            (_inner as IDisposable)?.Dispose();
        }
    }
}
