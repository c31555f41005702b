using System.Buffers.Binary;
using System.Text;

namespace TypedSession.Stores;

// The one-blob-per-session format of DistributedCacheSessionStore, and a reader for the stock DistributedSession blob
// so that apps switching to TypedSession keep their users' sessions.
//
// TypedSession format, version 2 (integers big-endian):
//   'T' 'S' 0x02 | created-at: int64 Unix ms | refreshed-at: int64 Unix ms | entry count: uint32 | flags: byte
//   then per entry: key length: uint16 | UTF-8 key | value length: uint32 | value
// Flags: bit 0 set for a remembered session (SessionEntry.IsPersistent); other bits are reserved and must be 0.
// Version 1, which earlier versions wrote, is version 2 without the flags byte; it is still read.
// Stock format (DistributedSession, revision 2):
//   0x02 | entry count: 3 bytes | session id: 16 bytes | per entry: uint16 key length, key, uint32 value length, value
// The first byte tells them apart. Anything else, or a blob that ends early or has bytes left over, is corrupt.
internal static class SessionBlob
{
    private const byte Magic0 = (byte)'T';
    private const byte Magic1 = (byte)'S';
    private const byte Version = 2;
    private const byte Version1 = 1;
    private const int HeaderLength = 3 + 8 + 8 + 4 + 1;
    private const int Version1HeaderLength = HeaderLength - 1;
    private const byte PersistentFlag = 0x01;
    private const int RefreshedAtOffset = 3 + 8;
    private const byte StockRevision = 2;
    private const int StockHeaderLength = 1 + 3 + 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static byte[] Write(IReadOnlyDictionary<string, byte[]> values, DateTimeOffset createdAt, DateTimeOffset refreshedAt, bool isPersistent)
    {
        var length = HeaderLength;
        foreach (var (key, value) in values)
        {
            length += 2 + StrictUtf8.GetByteCount(key) + 4 + value.Length;
        }

        var blob = new byte[length];
        blob[0] = Magic0;
        blob[1] = Magic1;
        blob[2] = Version;
        BinaryPrimitives.WriteInt64BigEndian(blob.AsSpan(3), createdAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(blob.AsSpan(RefreshedAtOffset), refreshedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(19), (uint)values.Count);
        blob[23] = isPersistent ? PersistentFlag : (byte)0;
        var position = HeaderLength;
        foreach (var (key, value) in values)
        {
            var keyLength = StrictUtf8.GetBytes(key, blob.AsSpan(position + 2));
            BinaryPrimitives.WriteUInt16BigEndian(blob.AsSpan(position), checked((ushort)keyLength));
            position += 2 + keyLength;
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(position), (uint)value.Length);
            position += 4;
            value.CopyTo(blob.AsSpan(position));
            position += value.Length;
        }
        return blob;
    }

    /// <summary>Reads either format; <paramref name="now"/> dates a stock blob, which records no times.</summary>
    /// <exception cref="CorruptSessionEntryException">The blob is in neither format, or damaged.</exception>
    internal static SessionEntry Read(ReadOnlySpan<byte> blob, DateTimeOffset now)
    {
        if (blob.Length >= 3 && blob[0] == Magic0 && blob[1] == Magic1)
        {
            if (blob[2] is not (Version or Version1))
            {
                throw new CorruptSessionEntryException($"The session entry has TypedSession format version {blob[2]}, which this version cannot read.");
            }
            var headerLength = blob[2] == Version ? HeaderLength : Version1HeaderLength;
            if (blob.Length < headerLength)
            {
                throw Truncated();
            }
            var createdAt = ReadTime(blob[3..]);
            var refreshedAt = ReadTime(blob[RefreshedAtOffset..]);
            var count = BinaryPrimitives.ReadUInt32BigEndian(blob[19..]);
            var flags = blob[2] == Version ? blob[23] : (byte)0;
            if ((flags & ~PersistentFlag) != 0)
            {
                throw new CorruptSessionEntryException($"The session entry has flags 0x{flags:X2}, of which this version knows only 0x{PersistentFlag:X2}.");
            }
            var values = ReadEntries(blob[headerLength..], count);
            return new SessionEntry(values, createdAt, refreshedAt) { IsPersistent = (flags & PersistentFlag) != 0 };
        }
        if (blob.Length >= 1 && blob[0] == StockRevision)
        {
            if (blob.Length < StockHeaderLength)
            {
                throw Truncated();
            }
            var count = (uint)(blob[1] << 16 | blob[2] << 8 | blob[3]);
            var values = ReadEntries(blob[StockHeaderLength..], count);
            // The stock session kept it alive with a sliding expiration until this read: it counts as refreshed now.
            // Its creation time is unknown, so an absolute lifetime counts from the switch to TypedSession.
            return new SessionEntry(values, now, now);
        }
        throw new CorruptSessionEntryException("The session entry is in no format TypedSession knows (neither its own nor the stock session's).");
    }

    // Sets the refresh time of a TypedSession blob in place; false for a stock blob, which has no such field.
    internal static bool TryStampRefreshedAt(Span<byte> blob, DateTimeOffset refreshedAt)
    {
        if (blob.Length < Version1HeaderLength || blob[0] != Magic0 || blob[1] != Magic1 || blob[2] is not (Version or Version1))
        {
            return false;
        }
        BinaryPrimitives.WriteInt64BigEndian(blob[RefreshedAtOffset..], refreshedAt.ToUnixTimeMilliseconds());
        return true;
    }

    // Whether a TypedSession blob is of a remembered session, without reading its values; false for any other blob (a
    // damaged one fails its next load instead).
    internal static bool IsPersistent(ReadOnlySpan<byte> blob) =>
        blob.Length >= HeaderLength && blob[0] == Magic0 && blob[1] == Magic1 && blob[2] == Version && (blob[23] & PersistentFlag) != 0;

    private static Dictionary<string, byte[]> ReadEntries(ReadOnlySpan<byte> data, uint count)
    {
        // Each entry takes at least 6 bytes: a count beyond that is damage, not a reason to allocate.
        if (count > (uint)data.Length / 6)
        {
            throw Truncated();
        }
        var values = new Dictionary<string, byte[]>((int)count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (data.Length < 2)
            {
                throw Truncated();
            }
            int keyLength = BinaryPrimitives.ReadUInt16BigEndian(data);
            data = data[2..];
            if (data.Length < keyLength + 4)
            {
                throw Truncated();
            }
            string key;
            try
            {
                key = StrictUtf8.GetString(data[..keyLength]);
            }
            catch (DecoderFallbackException exception)
            {
                throw new CorruptSessionEntryException("A key of the session entry is not valid UTF-8.", exception);
            }
            data = data[keyLength..];
            var valueLength = BinaryPrimitives.ReadUInt32BigEndian(data);
            data = data[4..];
            if (valueLength > (uint)data.Length)
            {
                throw Truncated();
            }
            if (!values.TryAdd(key, data[..(int)valueLength].ToArray()))
            {
                throw new CorruptSessionEntryException("The session entry holds the same key twice.");
            }
            data = data[(int)valueLength..];
        }
        if (!data.IsEmpty)
        {
            throw new CorruptSessionEntryException("The session entry has bytes after its last value.");
        }
        return values;
    }

    private static DateTimeOffset ReadTime(ReadOnlySpan<byte> data)
    {
        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(data);
        if (milliseconds < 0 || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new CorruptSessionEntryException("A time in the session entry is out of range.");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private static CorruptSessionEntryException Truncated() => new("The session entry ends before its declared content.");
}
