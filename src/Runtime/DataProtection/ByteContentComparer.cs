namespace TypedSession.DataProtection;

// Compares byte arrays by content, so that a cookie's protected bytes, decoded afresh on every request, find the entry
// stored for an earlier copy. System.HashCode is seeded randomly per process, so a client cannot choose payloads that
// collide in the cache's buckets.
internal sealed class ByteContentComparer : IEqualityComparer<byte[]>
{
    internal static readonly ByteContentComparer Instance = new();

    private ByteContentComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
