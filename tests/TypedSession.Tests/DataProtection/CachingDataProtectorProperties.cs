using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using TypedSession.DataProtection;

namespace TypedSession.Tests.DataProtection;

/// <summary>
/// The cache against the protector it caches, on random sequences of payloads: valid cookies, cookies with one byte
/// changed, cut short or grown, random bytes, and cookies the cache itself protects, under a small capacity and a clock
/// that moves past the cache's duration now and then. Both give the same plaintext or both throw, every time.
/// </summary>
public sealed class CachingDataProtectorProperties
{
    private static readonly IDataProtector Real = new EphemeralDataProtectionProvider().CreateProtector("SessionMiddleware");

    private static readonly byte[][] Issued =
        [.. Enumerable.Range(0, 4).Select(_ => Real.Protect(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())))];

    private static string Outcome(Func<byte[]> unprotect)
    {
        try
        {
            return Convert.ToHexString(unprotect());
        }
        catch (CryptographicException)
        {
            return "throws";
        }
    }

    private static byte[] Payload(List<byte[]> cookies, (byte Kind, byte Pick, byte Position, byte Value, byte[] Bytes) step)
    {
        var cookie = cookies[step.Pick % cookies.Count];
        switch (step.Kind % 6)
        {
            case 0:
            case 1:
                return [.. cookie];
            case 2:
                var changed = cookie.ToArray();
                changed[step.Position % changed.Length] ^= (byte)(step.Value | 1);
                return changed;
            case 3:
                return cookie[..(step.Position % cookie.Length)];
            case 4:
                return [.. cookie, step.Value];
            default:
                return step.Bytes ?? [];
        }
    }

    [Property(MaxTest = 300)]
    public void The_cache_and_the_plain_protector_agree_on_every_payload((byte Kind, byte Pick, byte Position, byte Value, byte[] Bytes)[] steps)
    {
        var time = new FakeTimeProvider(EngineHost.Start);
        var cache = new CachingDataProtector(Real, capacity: 3, TimeSpan.FromMinutes(5), time);
        var cookies = Issued.ToList();

        foreach (var step in steps ?? [])
        {
            if (step.Kind % 7 == 6)
            {
                // A cookie the cache issues (a new session): the plain protector opens it too.
                var key = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString());
                var issued = cache.Protect(key);
                Assert.Equal(key, Real.Unprotect(issued));
                cookies.Add(issued);
                continue;
            }
            var payload = Payload(cookies, step);
            Assert.Equal(Outcome(() => Real.Unprotect(payload)), Outcome(() => cache.Unprotect(payload)));
            Assert.InRange(cache.Count, 0, 3);
            time.Advance(TimeSpan.FromMinutes(step.Value % 4));
        }
    }
}
