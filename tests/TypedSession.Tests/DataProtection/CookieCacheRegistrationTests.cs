using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.DataProtection;

namespace TypedSession.Tests.DataProtection;

/// <summary>
/// How <c>AddTypedSessionEngine</c> puts the cookie cache in front of the application's data protection, over a real key
/// ring in a temporary folder: only the session cookie's purpose is cached, payloads are the same as without the cache,
/// and a revocation in the process takes effect at once.
/// </summary>
public sealed class CookieCacheRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("typedsession-dp-keys-");

    public void Dispose() => _keys.Delete(recursive: true);

    private ServiceProvider Build(Action<IServiceCollection>? before = null, Action<IServiceCollection>? after = null, Action<TypedSessionOptions>? options = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("TypedSession.Tests").PersistKeysToFileSystem(_keys);
        before?.Invoke(services);
        services.AddTypedSessionEngine(options);
        after?.Invoke(services);
        return services.BuildServiceProvider();
    }

    // The same key ring without the cache: what the application's protection was before.
    private ServiceProvider BuildPlain()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("TypedSession.Tests").PersistKeysToFileSystem(_keys);
        return services.BuildServiceProvider();
    }

    private static byte[] SessionKey() => Encoding.UTF8.GetBytes(Guid.NewGuid().ToString());

    [Fact]
    public void The_session_cookie_purpose_gets_one_caching_protector_shared_by_the_middleware_and_the_engine()
    {
        using var services = Build();
        var provider = services.GetRequiredService<IDataProtectionProvider>();

        var protector = Assert.IsType<CachingDataProtector>(provider.CreateProtector("SessionMiddleware"));

        Assert.Same(protector, provider.CreateProtector("SessionMiddleware"));
        Assert.Same(protector, services.GetRequiredService<SessionEngine>().Protector);
    }

    [Fact]
    public void Other_purposes_are_not_cached_and_protect_and_open_the_same_payloads_as_without_the_cache()
    {
        using var cached = Build();
        using var plain = BuildPlain();
        var withCache = cached.GetRequiredService<IDataProtectionProvider>();
        var without = plain.GetRequiredService<IDataProtectionProvider>();
        var data = SessionKey();

        foreach (var purpose in new[] { "Antiforgery", "sessionmiddleware", "SessionMiddleware ", "Microsoft.AspNetCore.Authentication.Cookies" })
        {
            var protector = withCache.CreateProtector(purpose);
            Assert.IsNotType<CachingDataProtector>(protector);
            Assert.Equal(data, without.CreateProtector(purpose).Unprotect(protector.Protect(data)));
            Assert.Equal(data, protector.Unprotect(without.CreateProtector(purpose).Protect(data)));
        }
        // Sub-purposes under the session cookie's purpose, too.
        var sub = withCache.CreateProtector("SessionMiddleware", "sub");
        Assert.IsNotType<CachingDataProtector>(sub);
        Assert.Equal(data, without.CreateProtector("SessionMiddleware", "sub").Unprotect(sub.Protect(data)));
    }

    [Fact]
    public void Session_cookies_are_the_same_payloads_as_without_the_cache()
    {
        using var cached = Build();
        using var plain = BuildPlain();
        var withCache = cached.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware");
        var without = plain.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware");
        var key = SessionKey();

        Assert.Equal(key, without.Unprotect(withCache.Protect(key)));
        Assert.Equal(key, withCache.Unprotect(without.Protect(key)));
        Assert.ThrowsAny<CryptographicException>(() =>
            withCache.Unprotect(plain.GetRequiredService<IDataProtectionProvider>().CreateProtector("Other").Protect(key)));
    }

    // The key ring refreshes in the background after a key change and keeps opening payloads under a revoked key until
    // it has (ASP.NET Core 9 and later): the real protector refuses the cookie a moment later, never at once. The cache
    // forgets it at once and never stores it again meanwhile.
    private static void AssertRefusedSoonAndNeverStored(CachingDataProtector protector, byte[] cookie)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); // generous: the refresh is a thread-pool task, and the whole test run shares two cores
        while (true)
        {
            Assert.Equal(0, protector.Count);
            try
            {
                protector.Unprotect(cookie);
            }
            catch (CryptographicException)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "The key ring still opens a cookie under a revoked key.");
            Thread.Sleep(10);
        }
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(cookie));
        Assert.Equal(0, protector.Count);
    }

    [Fact]
    public void Revoking_all_keys_in_the_process_forgets_a_cached_cookie_at_once_and_it_is_refused_as_without_the_cache()
    {
        using var services = Build();
        var protector = Assert.IsType<CachingDataProtector>(
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware"));
        var cookie = protector.Protect(SessionKey());
        protector.Unprotect(cookie);
        Assert.Equal(1, protector.Count);

        services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "test");

        AssertRefusedSoonAndNeverStored(protector, cookie);
    }

    [Fact]
    public void Revoking_one_key_and_then_another_clears_the_cache_each_time()
    {
        using var services = Build();
        var keyManager = services.GetRequiredService<IKeyManager>();
        var protector = Assert.IsType<CachingDataProtector>(
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware"));
        var first = protector.Protect(SessionKey());
        protector.Unprotect(first);
        var firstKey = Assert.Single(keyManager.GetAllKeys()).KeyId;

        keyManager.RevokeKey(firstKey, "test");
        AssertRefusedSoonAndNeverStored(protector, first);

        // The key ring makes a new key; a cookie under it is cached, and revoking that key clears the cache again.
        var second = protector.Protect(SessionKey());
        protector.Unprotect(second);
        Assert.Equal(1, protector.Count);
        keyManager.RevokeKey(keyManager.GetAllKeys().Single(k => !k.IsRevoked).KeyId, "test");
        AssertRefusedSoonAndNeverStored(protector, second);
    }

    [Fact]
    public void Calling_AddTypedSessionEngine_twice_wraps_the_provider_once()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTypedSessionEngine();
        services.AddTypedSessionEngine();
        services.AddDataProtection();

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(IDataProtectionProvider));
        Assert.IsType<CookieCacheRegistration>(descriptor.ImplementationFactory?.Target);
        using var provider = services.BuildServiceProvider();
        var root = Assert.IsType<CachingDataProtectionProvider>(provider.GetRequiredService<IDataProtectionProvider>());
        Assert.IsNotType<CachingDataProtector>(root.CreateProtector("Other"));
    }

    [Fact]
    public void A_cache_size_of_zero_leaves_the_application_provider_as_it_is()
    {
        var own = new EphemeralDataProtectionProvider();
        using var services = Build(before: s => s.AddSingleton<IDataProtectionProvider>(own), options: o => o.CookieCacheSize = 0);

        Assert.Same(own, services.GetRequiredService<IDataProtectionProvider>());
    }

    [Fact]
    public void A_provider_the_application_registers_before_the_engine_is_wrapped_and_built_as_registered()
    {
        var own = new CountingDataProtectionProvider(new EphemeralDataProtectionProvider());
        using var byInstance = Build(before: s => s.AddSingleton<IDataProtectionProvider>(own));
        using var byType = Build(before: s => s.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>());

        var protector = byInstance.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware");
        var cookie = own.SessionCookieProtector.Protect(SessionKey());
        protector.Unprotect(cookie);
        protector.Unprotect(cookie);
        Assert.Equal(1, own.SessionCookieProtector.Unprotects);

        Assert.IsType<CachingDataProtectionProvider>(byType.GetRequiredService<IDataProtectionProvider>());
    }

    [Fact]
    public void A_provider_the_application_registers_after_the_engine_wins_and_sessions_run_without_the_cache()
    {
        var own = new CountingDataProtectionProvider(new EphemeralDataProtectionProvider());
        using var services = Build(after: s => s.AddSingleton<IDataProtectionProvider>(own));

        Assert.Same(own, services.GetRequiredService<IDataProtectionProvider>());
        Assert.Same(own.SessionCookieProtector, services.GetRequiredService<SessionEngine>().Protector);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(10, 0)]
    [InlineData(10, -5)]
    public void Invalid_cache_options_are_refused_at_start_up(int size, int minutes)
    {
        var result = new TypedSessionOptionsValidator().Validate(null, new TypedSessionOptions
        {
            CookieCacheSize = size,
            CookieCacheDuration = TimeSpan.FromMinutes(minutes),
        });

        Assert.True(result.Failed);
        Assert.Contains(size < 0 ? "CookieCacheSize" : "CookieCacheDuration", result.FailureMessage);
    }
}
