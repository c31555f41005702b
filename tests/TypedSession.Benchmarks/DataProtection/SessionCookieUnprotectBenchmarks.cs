using System.Collections.Concurrent;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.DataProtection;

namespace TypedSession.Benchmarks.DataProtection;

/// <summary>
/// What the stock session middleware pays on every request that carries a session cookie, whichever session store is
/// behind it: turning the cookie back into the session key with Data Protection, exactly as its
/// <c>CookieProtection.Unprotect</c> does (restore the base64 padding, decode, <see cref="IDataProtector.Unprotect(byte[])"/>
/// with the purpose <c>SessionMiddleware</c>, UTF-8 decode). Against it: the same steps through TypedSession's cookie
/// cache (<see cref="CachingDataProtector"/>, a hit: what the middleware pays for a cookie already seen), a lookup in a
/// dictionary of cookie values already seen (the least a cache could cost), and a protect (what issuing a cookie
/// costs). Compare with <see cref="Accessors.RequestCycleBenchmarks"/> (the session's share of a
/// request) and the app's CPU time per request in e2e.sh.
/// </summary>
[MemoryDiagnoser]
[HideColumns("Job", "Error", "RatioSD", "Alloc Ratio")]
public class SessionCookieUnprotectBenchmarks
{
    private readonly ConcurrentDictionary<string, string> seenCookies = new(StringComparer.Ordinal);
    private IDataProtector protector = null!;
    private IDataProtector cachingProtector = null!;
    private string cookie = null!;
    private string sessionKey = null!;

    /// <summary>A Data Protection key ring set up as the sample's (a key file under a folder), and one session cookie.</summary>
    [GlobalSetup]
    public void ProtectOneCookie()
    {
        var keys = Directory.CreateTempSubdirectory("typedsession-dp-keys-");
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("TypedSession.Benchmarks").PersistKeysToFileSystem(keys);
        var provider = services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        protector = provider.CreateProtector("SessionMiddleware");
        sessionKey = Guid.NewGuid().ToString();
        cookie = Protect();
        seenCookies[cookie] = sessionKey;
        cachingProtector = new CachingDataProtector(
            protector, TypedSessionOptions.DefaultCookieCacheSize, TypedSessionOptions.DefaultCookieCacheDuration, TimeProvider.System);
        if (Unprotect() != sessionKey || CachedUnprotect() != sessionKey)
        {
            throw new InvalidOperationException("The cookie does not unprotect to its session key.");
        }
    }

    /// <summary>The stock middleware's unprotect of a session cookie, once per request.</summary>
    [Benchmark(Baseline = true)]
    public string Unprotect() => UnprotectWith(protector);

    /// <summary>
    /// The same unprotect through the cookie cache that <c>AddTypedSessionEngine</c> puts in front of the
    /// <c>SessionMiddleware</c> protector, for a cookie already seen: what a request of an active session pays.
    /// </summary>
    [Benchmark]
    public string CachedUnprotect() => UnprotectWith(cachingProtector);

    private string UnprotectWith(IDataProtector dataProtector)
    {
        // CookieProtection.Unprotect: the cookie is base64 with its '=' padding trimmed.
        var padded = (cookie.Length % 4) switch
        {
            2 => cookie + "==",
            3 => cookie + "=",
            _ => cookie,
        };
        var unprotected = dataProtector.Unprotect(Convert.FromBase64String(padded));
        return Encoding.UTF8.GetString(unprotected);
    }

    /// <summary>A hit in a cache of cookie values already unprotected: what a request would pay instead.</summary>
    [Benchmark]
    public string? CacheHit() => seenCookies.TryGetValue(cookie, out var key) ? key : null;

    /// <summary>Issuing a cookie (CookieProtection.Protect): a new session, a regenerate.</summary>
    [Benchmark]
    public string Protect() =>
        Convert.ToBase64String(protector.Protect(Encoding.UTF8.GetBytes(sessionKey))).TrimEnd('=');
}
