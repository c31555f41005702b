using System.Security.Cryptography;
using System.Text;

namespace TypedSession;

// The four identities of a session, all from one secret. The store key is the secret the cookie carries (a random
// GUID, the only shape the stock middleware accepts). The store never sees it: entries live under the storage key,
// the SHA-256 of the store key (as the scs maintainers recommend for session tokens), so a copy of the store (a Redis
// dump, a SQLite backup) names no cookie. ISession.Id is derived from the store key one-way too, under its own domain
// prefix and truncated to a GUID, so it differs from the storage key and neither can be computed from the other: a
// leaked Id finds no entry and mints no cookie, a leaked storage key gives no Id. Logs see only a short hash of the id.
internal static class SessionIds
{
    internal const int StoreKeyLength = 36;

    internal static string NewStoreKey()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return new Guid(bytes).ToString();
    }

    internal static bool IsStoreKey(string key) =>
        key.Length == StoreKeyLength && Guid.TryParseExact(key, "D", out _);

    internal static string IdOf(string storeKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(IdDomain, storeKey, hash);
        return new Guid(hash[..16]).ToString();
    }

    // 64 lowercase hex digits: readable in redis-cli and SQL, and a valid key for every store.
    internal static string StorageKeyOf(string storeKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash([], storeKey, hash);
        return Convert.ToHexStringLower(hash);
    }

    internal static string LogHashOf(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash([], id, hash);
        return Convert.ToHexStringLower(hash[..6]);
    }

    private static ReadOnlySpan<byte> IdDomain => "TypedSession.Id\n"u8;

    // One SHA-256 context per thread, reset by every use: the one-shot SHA256.HashData creates and frees an OpenSSL
    // digest context per call, which measured about a fifth slower for these short keys.
    [ThreadStatic]
    private static IncrementalHash? _sha256;

    // SHA-256 of domain followed by the UTF-8 of value, without a heap copy for the short keys every request hashes:
    // these run on the request path (the storage key of every session that reaches the store).
    private static void Hash(ReadOnlySpan<byte> domain, string value, Span<byte> hash)
    {
        var length = domain.Length + Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> input = length <= 256 ? stackalloc byte[length] : new byte[length];
        domain.CopyTo(input);
        var written = domain.Length + Encoding.UTF8.GetBytes(value, input[domain.Length..]);
        var sha256 = _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(input[..written]);
        sha256.GetHashAndReset(hash);
    }
}
