using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using TypedSession.DataProtection;

namespace TypedSession.Tests.DataProtection;

/// <summary>
/// <see cref="CachingDataProtector"/> over a real, counted data protector: hits skip the real work and return copies,
/// failures are never remembered, and the cache stays within its capacity and duration.
/// </summary>
public sealed class CachingDataProtectorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(EngineHost.Start);
    private readonly CountingDataProtector _real = new(new EphemeralDataProtectionProvider().CreateProtector("SessionMiddleware"));

    private CachingDataProtector Cache(int capacity = 100) => new(_real, capacity, Duration, _time);

    private static byte[] SessionKey() => Encoding.UTF8.GetBytes(Guid.NewGuid().ToString());

    [Fact]
    public void A_payload_opened_before_is_a_hit_that_does_not_call_the_real_protector()
    {
        var cache = Cache();
        var key = SessionKey();
        var cookie = _real.Protect(key);

        Assert.Equal(key, cache.Unprotect(cookie));
        Assert.Equal(1, _real.Unprotects);

        // A fresh copy of the bytes, as each request decodes the cookie anew.
        Assert.Equal(key, cache.Unprotect([.. cookie]));
        Assert.Equal(key, cache.Unprotect([.. cookie]));
        Assert.Equal(1, _real.Unprotects);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_hit_returns_a_copy_that_the_caller_may_change()
    {
        var cache = Cache();
        var key = SessionKey();
        var cookie = _real.Protect(key);
        cache.Unprotect(cookie).AsSpan().Clear();

        var hit = cache.Unprotect(cookie);
        hit.AsSpan().Fill(0xFF);

        Assert.Equal(key, cache.Unprotect(cookie));
        Assert.Equal(1, _real.Unprotects);
    }

    [Fact]
    public void A_cookie_it_protects_is_a_hit_on_the_next_request_and_changing_the_arrays_does_not_change_the_entry()
    {
        var cache = Cache();
        var key = SessionKey();
        var plaintext = key.ToArray();

        var cookie = cache.Protect(plaintext);
        var sent = cookie.ToArray();
        plaintext.AsSpan().Clear();
        cookie.AsSpan().Clear();

        Assert.Equal(key, cache.Unprotect(sent));
        Assert.Equal(1, _real.Protects);
        Assert.Equal(0, _real.Unprotects);
    }

    [Fact]
    public void Tampered_random_and_truncated_payloads_throw_every_time_and_are_never_stored()
    {
        var cache = Cache();
        var cookie = _real.Protect(SessionKey());
        var tampered = cookie.ToArray();
        tampered[^5] ^= 0x01;
        byte[][] bad = [tampered, cookie[..^1], cookie[..20], RandomNumberGenerator.GetBytes(cookie.Length), [], [0x09, 0xF0, 0xC9, 0xDB]];

        for (var round = 1; round <= 3; round++)
        {
            foreach (var payload in bad)
            {
                Assert.ThrowsAny<CryptographicException>(() => cache.Unprotect(payload));
            }
            Assert.Equal(round * bad.Length, _real.Unprotects);
        }
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Never_holds_more_cookies_than_its_capacity()
    {
        const int Capacity = 16;
        var cache = Cache(Capacity);
        var cookies = Enumerable.Range(0, 5 * Capacity).Select(_ => _real.Protect(SessionKey())).ToArray();

        foreach (var cookie in cookies)
        {
            cache.Unprotect(cookie);
            Assert.InRange(cache.Count, 1, Capacity);
        }
        foreach (var cookie in cookies.Take(10))
        {
            cache.Protect(SessionKey());
            Assert.InRange(cache.Count, 1, Capacity);
        }
    }

    [Fact]
    public void When_full_it_forgets_first_the_issued_cookies_that_never_came_back()
    {
        const int Capacity = 8;
        var cache = Cache(Capacity);
        var returning = Enumerable.Range(0, Capacity / 2).Select(_ => cache.Protect(SessionKey())).ToArray();
        foreach (var cookie in returning)
        {
            cache.Unprotect(cookie);
        }

        // Requests without a cookie: the middleware protects a new key for each, most never sent back.
        for (var i = 0; i < 3 * Capacity; i++)
        {
            cache.Protect(SessionKey());
        }
        foreach (var cookie in returning)
        {
            cache.Unprotect(cookie);
        }

        Assert.Equal(0, _real.Unprotects);
    }

    [Fact]
    public void An_entry_is_forgotten_once_the_cache_duration_has_passed()
    {
        var cache = Cache();
        var key = SessionKey();
        var cookie = _real.Protect(key);
        cache.Unprotect(cookie);

        _time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.Equal(key, cache.Unprotect(cookie));
        Assert.Equal(1, _real.Unprotects);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(key, cache.Unprotect(cookie));
        Assert.Equal(2, _real.Unprotects);

        // Opened again, so remembered again from now.
        Assert.Equal(key, cache.Unprotect(cookie));
        Assert.Equal(2, _real.Unprotects);
    }

    [Fact]
    public void A_key_change_forgets_every_cookie()
    {
        var cache = Cache();
        var cookie = _real.Protect(SessionKey());
        cache.Unprotect(cookie);

        cache.Clear(revokedKeys: []);

        Assert.Equal(0, cache.Count);
        cache.Unprotect(cookie);
        cache.Unprotect(cookie);
        Assert.Equal(2, _real.Unprotects);
    }

    [Fact]
    public void A_cookie_under_a_revoked_key_is_never_stored_while_the_key_ring_still_opens_it()
    {
        var cache = Cache();
        var cookie = _real.Protect(SessionKey());
        // The key id follows the 4-byte magic header of every key ring payload.
        cache.Clear(revokedKeys: [new Guid(cookie.AsSpan(4, 16))]);

        // The real protector (an ephemeral key ring knows no revocation) stands for a key ring not yet refreshed.
        for (var i = 1; i <= 3; i++)
        {
            cache.Unprotect(cookie);
            cache.Protect(SessionKey());
            Assert.Equal(i, _real.Unprotects);
        }
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void When_the_revoked_keys_cannot_be_read_nothing_is_stored_for_one_cache_duration()
    {
        var cache = Cache();
        var cookie = _real.Protect(SessionKey());

        cache.Clear(revokedKeys: null);
        cache.Unprotect(cookie);
        cache.Unprotect(cookie);
        Assert.Equal(0, cache.Count);

        _time.Advance(Duration);
        cache.Unprotect(cookie);
        cache.Unprotect(cookie);
        Assert.Equal(3, _real.Unprotects);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_sub_purpose_protector_is_the_real_one_without_a_cache()
    {
        var cache = Cache();
        var sub = cache.CreateProtector("sub");
        var payload = sub.Protect(SessionKey());

        Assert.IsNotType<CachingDataProtector>(sub);
        Assert.Equal(sub.Unprotect(payload), _real.CreateProtector("sub").Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => cache.Unprotect(payload));
        Assert.Equal(0, cache.Count);
    }
}
