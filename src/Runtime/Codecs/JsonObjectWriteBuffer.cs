using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TypedSession.Codecs;

// A Utf8JsonWriter over a growable buffer, kept per thread and reused by every generated JSON codec, so that a write
// allocates only the exact-size array the session keeps. Taken out of its slot while in use: a property getter that
// writes to a session on the same thread gets a buffer of its own instead of corrupting this one.
internal sealed class JsonObjectWriteBuffer
{
    // A buffer that grew past this is not kept, so that one large value does not pin memory on a thread for good.
    private const int MaxRetainedCapacity = 64 * 1024;

    [ThreadStatic]
    private static JsonObjectWriteBuffer? cached;

    [ThreadStatic]
    private static byte[]? cachedBytes;

    private readonly ArrayBufferWriter<byte> output = new(256);

    private JsonObjectWriteBuffer(JavaScriptEncoder? encoder)
    {
        Encoder = encoder;
        // The options System.Text.Json's own writer gets for a non-indented serializer: same encoder, same escaping.
        Writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
    }

    public JavaScriptEncoder? Encoder { get; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>The thread's array for <see cref="JsonObjectByteWriter"/>, taken out of its slot until <see cref="ReturnBytes"/>.</summary>
    public static byte[] RentBytes()
    {
        var bytes = cachedBytes ?? new byte[512];
        cachedBytes = null;
        return bytes;
    }

    /// <summary>Keeps <paramref name="bytes"/> (the rented array, or the larger one it grew into) for the next write.</summary>
    public static void ReturnBytes(byte[] bytes)
    {
        if (bytes.Length <= MaxRetainedCapacity)
        {
            cachedBytes = bytes;
        }
    }

    public static JsonObjectWriteBuffer Rent(JavaScriptEncoder? encoder)
    {
        var buffer = cached;
        if (buffer is null || !ReferenceEquals(buffer.Encoder, encoder))
        {
            return new JsonObjectWriteBuffer(encoder);
        }
        cached = null;
        return buffer;
    }

    /// <summary>The bytes written since <see cref="Rent"/>, copied into an array of their exact size.</summary>
    public byte[] ToArray()
    {
        Writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public void Return()
    {
        output.ResetWrittenCount();
        Writer.Reset(output);
        if (output.Capacity <= MaxRetainedCapacity)
        {
            cached = this;
        }
    }
}
