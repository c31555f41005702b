using TypedSession.Generated;

namespace TypedSession.Tests.Codecs;

/// <summary>Round-trip and rejection checks shared by the codec tests.</summary>
internal static class CodecAssert
{
    /// <summary>Encodes and decodes <paramref name="value"/> and returns what came back.</summary>
    public static T RoundTrip<TCodec, T>(T value) where TCodec : struct, IValueCodec<T>
    {
        var bytes = TCodec.Encode(value);
        Assert.True(TCodec.TryDecode(bytes, out var decoded), $"{typeof(TCodec).Name} could not decode its own encoding of {value}");
        return decoded;
    }

    /// <summary>Asserts that <paramref name="bytes"/> decode to false, without throwing.</summary>
    public static void Rejects<TCodec, T>(byte[] bytes) where TCodec : struct, IValueCodec<T>
    {
        var accepted = TCodec.TryDecode(bytes, out _);
        Assert.False(accepted, $"{typeof(TCodec).Name} accepted [{Convert.ToHexString(bytes)}]");
    }

    /// <summary>Asserts that every length but <paramref name="width"/> is rejected (0 to width + 8 bytes).</summary>
    public static void RejectsOtherLengths<TCodec, T>(int width) where TCodec : struct, IValueCodec<T>
    {
        for (var length = 0; length <= width + 8; length++)
        {
            if (length != width)
            {
                Rejects<TCodec, T>(new byte[length]);
            }
        }
    }
}
