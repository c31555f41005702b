using System.Security.Cryptography;
using System.Text;

namespace TypedSession;

// The three identities of a session. The store key is the secret the cookie carries (a random GUID, the only shape
// the stock middleware accepts); ISession.Id is derived from it one-way, so it is stable for the key's lifetime,
// changes when the key is regenerated, needs no storage, and reveals nothing usable; logs see only a short hash of
// the id.
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

    internal static string LogHashOf(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return Convert.ToHexStringLower(hash[..6]);
    }
}
