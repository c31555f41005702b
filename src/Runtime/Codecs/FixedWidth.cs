using System.Buffers.Binary;

namespace TypedSession.Generated;

// Big-endian, like ISession.SetInt32, so that every integer codec shares one byte order with the stock helpers.
internal static class FixedWidth
{
    public static byte[] Int16(short value)
    {
        var bytes = new byte[sizeof(short)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Int32(int value)
    {
        var bytes = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Int64(long value)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static bool TryInt16(ReadOnlySpan<byte> bytes, out short value)
    {
        if (bytes.Length != sizeof(short)) { value = 0; return false; }
        value = BinaryPrimitives.ReadInt16BigEndian(bytes);
        return true;
    }

    public static bool TryInt32(ReadOnlySpan<byte> bytes, out int value)
    {
        if (bytes.Length != sizeof(int)) { value = 0; return false; }
        value = BinaryPrimitives.ReadInt32BigEndian(bytes);
        return true;
    }

    public static bool TryInt64(ReadOnlySpan<byte> bytes, out long value)
    {
        if (bytes.Length != sizeof(long)) { value = 0; return false; }
        value = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return true;
    }
}
