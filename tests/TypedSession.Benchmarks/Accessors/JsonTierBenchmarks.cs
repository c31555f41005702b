using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TypedSession.Generated;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// What each tier of the generated JSON codec buys over the tier below it, without a session around it: the byte
/// writer/reader (the values a <see cref="CartSummary"/> holds) and the Utf8JsonReader tier (a record with a
/// <see langword="double"/>, which the byte tier leaves to it, and JSON in another member order or with a leading
/// space, which the byte reader does not take), each against <see cref="JsonSerializer"/> with the same
/// source-generated metadata, which is what serves the value when the tier is not there. The writes of values the
/// byte writer does not take measure the Utf8JsonWriter tier that was removed for buying nothing over
/// <see cref="JsonSerializer"/> (docs/performance.md); they now measure the codec's fallback to it.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[HideColumns("Job", "Error", "RatioSD", "Alloc Ratio")]
public class JsonTierBenchmarks
{
    private const string ByteWrite = "Write CartSummary";
    private const string WriterWrite = "Write WeighedCart (a double)";
    private const string ByteRead = "Read CartSummary";
    private const string ReaderRead = "Read WeighedCart (a double)";
    private const string ReorderedRead = "Read CartSummary, members reordered";

    private static readonly WeighedCart Weighed = new(3, 149.97m, "EUR", new DateTimeOffset(2025, 11, 3, 9, 30, 0, TimeSpan.Zero), 2.75);

    private readonly JsonObjectCodec<CartSummary> cartCodec = GeneratedCodec(BenchmarkJsonContext.Default.CartSummary);
    private readonly JsonObjectCodec<WeighedCart> weighedCodec = GeneratedCodec(BenchmarkJsonContext.Default.WeighedCart);
    private readonly JsonObjectCodec<CartSummary> cartCodecWithoutBytes = GeneratedCodec((JsonTypeInfo<CartSummary>)new JsonSerializerOptions
    {
        TypeInfoResolver = BenchmarkJsonContext.Default,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin),
    }.GetTypeInfo(typeof(CartSummary)));

    private readonly byte[] cartBytes = SessionValuesFixture.CartBytes;
    private readonly byte[] spacedCartBytes = [(byte)' ', .. SessionValuesFixture.CartBytes];
    private readonly byte[] weighedBytes = JsonSerializer.SerializeToUtf8Bytes(Weighed, BenchmarkJsonContext.Default.WeighedCart);
    private readonly byte[] reorderedCartBytes = Encoding.UTF8.GetBytes("""{"UpdatedAt":"2025-11-03T09:30:00+00:00","Currency":"EUR","Total":149.97,"ItemCount":3}""");

    /// <summary>System.Text.Json.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(ByteWrite)]
    public byte[] SystemTextJson_WriteCart() => JsonSerializer.SerializeToUtf8Bytes(SessionValuesFixture.Cart, BenchmarkJsonContext.Default.CartSummary);

    /// <summary>The codec's byte writer.</summary>
    [Benchmark, BenchmarkCategory(ByteWrite)]
    public byte[] Codec_WriteCart() => cartCodec.Encode(SessionValuesFixture.Cart);

    /// <summary>The same value without the byte writer (another encoder instance turns it off): System.Text.Json.</summary>
    [Benchmark, BenchmarkCategory(ByteWrite)]
    public byte[] CodecWithoutByteTier_WriteCart() => cartCodecWithoutBytes.Encode(SessionValuesFixture.Cart);

    /// <summary>System.Text.Json.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(WriterWrite)]
    public byte[] SystemTextJson_WriteWeighed() => JsonSerializer.SerializeToUtf8Bytes(Weighed, BenchmarkJsonContext.Default.WeighedCart);

    /// <summary>The codec, which leaves floating-point members to System.Text.Json.</summary>
    [Benchmark, BenchmarkCategory(WriterWrite)]
    public byte[] Codec_WriteWeighed() => weighedCodec.Encode(Weighed);

    /// <summary>System.Text.Json.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(ByteRead)]
    public CartSummary? SystemTextJson_ReadCart() => JsonSerializer.Deserialize(cartBytes, BenchmarkJsonContext.Default.CartSummary);

    /// <summary>The codec's byte reader.</summary>
    [Benchmark, BenchmarkCategory(ByteRead)]
    public CartSummary? Codec_ReadCart() => cartCodec.TryDecode(cartBytes, out var value) ? value : throw new InvalidOperationException();

    /// <summary>The same value through the Utf8JsonReader tier: a leading space, which only the byte reader rejects.</summary>
    [Benchmark, BenchmarkCategory(ByteRead)]
    public CartSummary? CodecWithoutByteTier_ReadCart() => cartCodec.TryDecode(spacedCartBytes, out var value) ? value : throw new InvalidOperationException();

    /// <summary>System.Text.Json.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(ReaderRead)]
    public WeighedCart? SystemTextJson_ReadWeighed() => JsonSerializer.Deserialize(weighedBytes, BenchmarkJsonContext.Default.WeighedCart);

    /// <summary>The codec's Utf8JsonReader tier.</summary>
    [Benchmark, BenchmarkCategory(ReaderRead)]
    public WeighedCart? Codec_ReadWeighed() => weighedCodec.TryDecode(weighedBytes, out var value) ? value : throw new InvalidOperationException();

    /// <summary>System.Text.Json.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(ReorderedRead)]
    public CartSummary? SystemTextJson_ReadReordered() => JsonSerializer.Deserialize(reorderedCartBytes, BenchmarkJsonContext.Default.CartSummary);

    /// <summary>The codec: the byte reader gives up at the first name, the Utf8JsonReader tier reads the value.</summary>
    [Benchmark, BenchmarkCategory(ReorderedRead)]
    public CartSummary? Codec_ReadReordered() => cartCodec.TryDecode(reorderedCartBytes, out var value) ? value : throw new InvalidOperationException();

    // The codec class the generator wrote for T (for a JsonTierSession property), over the same metadata.
    private static JsonObjectCodec<T> GeneratedCodec<T>(JsonTypeInfo<T> typeInfo)
    {
        var codecType = typeof(JsonTierSession).Assembly.GetTypes()
            .First(type => !type.IsAbstract && typeof(JsonObjectCodec<T>).IsAssignableFrom(type));
        return (JsonObjectCodec<T>)Activator.CreateInstance(codecType, typeInfo)!;
    }
}
