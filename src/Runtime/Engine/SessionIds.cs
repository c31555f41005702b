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
        SHA256.HashData(Encoding.UTF8.GetBytes("TypedSession.Id\n" + storeKey), hash);
        return new Guid(hash[..16]).ToString();
    }

    // 64 lowercase hex digits: readable in redis-cli and SQL, and a valid key for every store.
    internal static string StorageKeyOf(string storeKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(storeKey), hash);
        return Convert.ToHexStringLower(hash);
    }

    internal static string LogHashOf(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return Convert.ToHexStringLower(hash[..6]);
    }
}
