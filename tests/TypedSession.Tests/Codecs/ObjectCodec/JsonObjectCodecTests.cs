using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using TypedSession.Generated;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>
/// The generated plain-object codec against System.Text.Json itself on hand-picked inputs and configurations; random
/// values under every option set are in <see cref="JsonObjectCodecDifferentialTests"/>.
/// </summary>
public sealed class JsonObjectCodecTests
{
    private readonly ReportingSession raw = new();

    [Fact]
    public void The_generated_codec_serves_plain_records_and_classes_with_default_and_camelCase_options()
    {
        Assert.True(ObjectCodecProbe.Codec<EveryMember>(typeof(ObjectCodecSession), "Every")!.IsFastPathEnabled);
        Assert.True(ObjectCodecProbe.Codec<Settable>(typeof(ObjectCodecSession), "Settable")!.IsFastPathEnabled);
        Assert.True(ObjectCodecProbe.Codec<ExactMembers>(typeof(ObjectCodecSession), "Exact")!.IsFastPathEnabled);
        Assert.True(ObjectCodecProbe.Codec<EveryMember>(typeof(CamelCaseSession), "Every")!.IsFastPathEnabled);
        Assert.True(ObjectCodecProbe.Codec<Settable>(typeof(CamelCaseSession), "Settable")!.IsFastPathEnabled);
    }

    [Fact]
    public void CamelCase_policy_and_JsonPropertyName_give_the_names_System_Text_Json_gives()
    {
        var settable = new Settable { DisplayName = "Ann", Ordered = 1, LastSeenAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) };

        CamelCaseSession.Create(raw).Settable = settable;
        ObjectCodecSession.Create(raw).Every = new RandomMembers(1).NextEveryMember();

        Assert.Equal("""{"display name":"Ann","a\u003Cb":1,"lastSeenAt":"2026-01-02T03:04:05+02:00"}""", raw.GetString("Settable"));
        Assert.StartsWith("""{"Text":""", raw.GetString("Every"));
        CamelCaseSession.Create(raw).Every = new RandomMembers(1).NextEveryMember();
        Assert.StartsWith("""{"text":""", raw.GetString("Every"));
    }

    [Theory]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("null", "-0", "\"2026-01-02T03:04:05.1+14:00\"")]
    [InlineData("\"\"", "-2147483648", "\"2026-01-02T03:04:05.1234567-14:00\"")]
    [InlineData("\" !#$%()*,-./:;=?@[]^_{|}~\u007f\"", "2147483647", "\"2024-02-29T00:00:00Z\"")]
    [InlineData("\"Ann\"", "2147483648", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "01", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "1.0", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "1e2", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "true", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "\"1\"", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05.12345678+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05.+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T24:00:00+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T23:59:60+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-02-29T00:00:00+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-13-01T00:00:00+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"0000-01-01T00:00:00+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05+14:01\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05+02:60\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04+02:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02\"")]
    [InlineData("\"Ann\"", "1", "\"0001-01-01T00:00:00+01:00\"")]
    [InlineData("\"Ann\"", "1", "\"9999-12-31T23:59:59.9999999-01:00\"")]
    [InlineData("\"Ann\"", "1", "\"2026-01-02T03:04:05z\"")]
    [InlineData("\"Ann\\u0020B\"", "1", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Zoë\"", "1", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"tab\there\"", "1", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "null", "\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("\"Ann\"", "1", "null")]
    [InlineData("nul", "1", "\"2026-01-02T03:04:05+02:00\"")]
    public void Reads_of_hand_written_members_equal_System_Text_Json_reads(string displayName, string ordered, string lastSeenAt)
    {
        var json = $$"""{"display name":{{displayName}},"a\u003Cb":{{ordered}},"LastSeenAt":{{lastSeenAt}}}""";

        AssertReadsLikeSystemTextJson(ObjectCodecJsonContext.Default.Settable, Encoding.UTF8.GetBytes(json), () => ObjectCodecSession.Create(raw).Settable, "Settable");
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":1,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":1.5,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":\"1\",\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":01,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":99999999999,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":1,\"LastSeenAt\":\"yesterday\"}")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":null,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":1,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"} trailing")]
    [InlineData("{\"display name\":\"Ann\",\"a<b\":1,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\",}")]
    [InlineData("{\"display name\":\"Ann\" /* comment */,\"a<b\":1,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}")]
    public void Corrupt_bytes_read_as_null_are_reported_and_stay_stored(string stored)
    {
        var bytes = Encoding.UTF8.GetBytes(stored);
        raw.Set("Settable", bytes);

        Assert.Null(ObjectCodecSession.Create(raw).Settable);

        var report = Assert.Single(raw.Reports);
        Assert.Equal("Settable", report.Key);
        Assert.Equal(typeof(Settable), report.ValueType);
        Assert.Equal(bytes, raw.Get("Settable"));
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_is_reported_as_System_Text_Json_reports_it()
    {
        byte[] bytes = [.. "{\"display name\":\""u8, 0xC3, 0x28, .. "\",\"a<b\":1,\"LastSeenAt\":\"2026-01-02T03:04:05+02:00\"}"u8];
        raw.Set("Settable", bytes);

        Assert.Null(ObjectCodecSession.Create(raw).Settable);

        Assert.IsType<JsonException>(Assert.Single(raw.Reports).Error, exactMatch: false);
    }

    [Fact]
    public void Options_the_codec_does_not_reproduce_leave_the_type_to_System_Text_Json()
    {
        var codec = ObjectCodecProbe.Codec<EveryMember>(typeof(IndentedSession), "Every")!;
        var value = new RandomMembers(seed: 9).NextEveryMember();

        IndentedSession.Create(raw).Every = value;
        raw.Set("Quoted", Encoding.UTF8.GetBytes(raw.GetString("Every")!.Replace("\"Int32\": ", "\"Int32\": \"").Replace(",\n  \"UInt32\"", "\",\n  \"UInt32\"")));

        Assert.False(codec.IsFastPathEnabled);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, IndentedJsonContext.Default.EveryMember), raw.Get("Every"));
        AssertSameValue(IndentedJsonContext.Default.EveryMember, value, IndentedSession.Create(raw).Every);
        AssertSameValue(IndentedJsonContext.Default.EveryMember, value, SessionValues.ReadJson(raw, "Quoted", codec));
    }

    [Fact]
    public void Options_that_change_the_names_after_generation_leave_the_type_to_System_Text_Json()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, TypeInfoResolver = ObjectCodecJsonContext.Default };
        var typeInfo = (JsonTypeInfo<EveryMember>)options.GetTypeInfo(typeof(EveryMember));
        var value = new RandomMembers(seed: 11).NextEveryMember();

        var codec = ObjectCodecProbe.CodecOver(typeof(ObjectCodecSession), "Every", typeInfo);

        // The names follow the options' policy: the codec computes them the same way.
        Assert.True(codec.IsFastPathEnabled);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), codec.Encode(value));
        var modified = new JsonSerializerOptions(options)
        {
            TypeInfoResolver = ObjectCodecJsonContext.Default.WithAddedModifier(info =>
            {
                if (info.Type == typeof(EveryMember))
                {
                    info.Properties.RemoveAt(0);
                }
            }),
        };
        var modifiedInfo = (JsonTypeInfo<EveryMember>)modified.GetTypeInfo(typeof(EveryMember));
        var fallback = ObjectCodecProbe.CodecOver(typeof(ObjectCodecSession), "Every", modifiedInfo);
        Assert.False(fallback.IsFastPathEnabled);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, modifiedInfo), fallback.Encode(value));
    }

    [Fact]
    public void A_value_larger_than_the_write_buffer_and_a_local_time_are_written_and_read_as_System_Text_Json_does()
    {
        var random = new RandomMembers(seed: 16);
        var large = random.NextExactMembers() with { Text = new string('x', 70_000), Name = string.Concat(Enumerable.Repeat("plain text ", 900)) };
        var local = random.NextExactMembers() with { DateTime = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Local), MaybeDateTime = DateTime.Now };

        foreach (var value in new[] { large, local, large })
        {
            AssertWritesLikeSystemTextJson(ObjectCodecJsonContext.Default.ExactMembers, value, written => ObjectCodecSession.Create(raw).Exact = written, "Exact");
            AssertReadsLikeSystemTextJson(ObjectCodecJsonContext.Default.ExactMembers, raw.Get("Exact")!, () => ObjectCodecSession.Create(raw).Exact, "Exact");
        }
    }

    [Fact]
    public void A_resolver_with_modifiers_leaves_the_type_to_System_Text_Json()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = ObjectCodecJsonContext.Default.WithAddedModifier(info =>
            {
                if (info.Type == typeof(Settable))
                {
                    info.Properties[0].Get = _ => "masked";
                }
            }),
        };
        var typeInfo = (JsonTypeInfo<Settable>)options.GetTypeInfo(typeof(Settable));
        var value = new RandomMembers(seed: 15).NextSettable();

        var codec = ObjectCodecProbe.CodecOver(typeof(ObjectCodecSession), "Settable", typeInfo);

        Assert.False(codec.IsFastPathEnabled);
        Assert.Contains("\"display name\":\"masked\"", Encoding.UTF8.GetString(codec.Encode(value)));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), codec.Encode(value));
    }

    [Fact]
    public void A_non_finite_number_fails_as_System_Text_Json_fails_and_stores_nothing()
    {
        var value = new RandomMembers(seed: 12).NextEveryMember() with { Double = double.NaN };
        var expected = Record.Exception(() => JsonSerializer.SerializeToUtf8Bytes(value, ObjectCodecJsonContext.Default.EveryMember));

        var actual = Record.Exception(() => ObjectCodecSession.Create(raw).Every = value);

        Assert.NotNull(expected);
        Assert.IsType(expected.GetType(), actual);
        Assert.DoesNotContain("Every", raw.Keys);
    }

    [Fact]
    public void A_type_the_codec_does_not_handle_round_trips_through_the_context_metadata()
    {
        var value = new WithList("n", [1, 2, 3]);
        Assert.Null(ObjectCodecProbe.Codec<WithList>(typeof(ObjectCodecSession), "WithList"));

        ObjectCodecSession.Create(raw).WithList = value;
        var read = ObjectCodecSession.Create(raw).WithList;

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, ObjectCodecJsonContext.Default.WithList), raw.Get("WithList"));
        Assert.Equal(value.Values, read!.Values);
    }

    [Fact]
    public void A_getter_that_writes_to_a_session_while_its_object_is_written_gets_a_writer_of_its_own()
    {
        var inner = new ReportingSession();
        var settable = new RandomMembers(seed: 13).NextSettable();
        var noisy = new Noisy { Text = "outer \u00e9 <text>", Count = 7 };
        var expected = JsonSerializer.SerializeToUtf8Bytes(noisy, ObjectCodecJsonContext.Default.Noisy);
        Noisy.OnTextRead = () => ObjectCodecSession.Create(inner).Settable = settable;
        try
        {
            ObjectCodecSession.Create(raw).Noisy = noisy;
        }
        finally
        {
            Noisy.OnTextRead = null;
        }

        Assert.True(ObjectCodecProbe.Codec<Noisy>(typeof(ObjectCodecSession), "Noisy")!.IsFastPathEnabled);
        Assert.Equal(expected, raw.Get("Noisy"));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(settable, ObjectCodecJsonContext.Default.Settable), inner.Get("Settable"));
    }

    private void AssertWritesLikeSystemTextJson<T>(JsonTypeInfo<T> typeInfo, T value, Action<T> write, string key)
    {
        AssertSameOutcome(() => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), () =>
        {
            write(value);
            return raw.Get(key)!;
        });
    }

    private void AssertReadsLikeSystemTextJson<T>(JsonTypeInfo<T> typeInfo, byte[] bytes, Func<T?> read, string key)
    {
        raw.Set(key, bytes);
        raw.Reports.Clear();
        T? expected;
        try
        {
            expected = JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException)
        {
            Assert.Null(read());
            Assert.Single(raw.Reports);
            raw.Reports.Clear();
            return;
        }
        AssertSameValue(typeInfo, expected, read());
        Assert.Empty(raw.Reports);
    }

    // Compared through System.Text.Json's bytes, which keep what Equals ignores: a decimal's scale, a DateTime's kind,
    // a DateTimeOffset's offset.
    private static void AssertSameValue<T>(JsonTypeInfo<T> typeInfo, T? expected, T? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is not null)
        {
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(expected, typeInfo)), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(actual!, typeInfo)));
        }
    }

    private static void AssertSameOutcome(Func<byte[]> expected, Func<byte[]> actual)
    {
        byte[]? expectedBytes = null;
        var expectedError = Record.Exception(() => expectedBytes = expected());
        byte[]? actualBytes = null;
        var actualError = Record.Exception(() => actualBytes = actual());
        if (expectedError is not null)
        {
            Assert.IsType(expectedError.GetType(), actualError);
            return;
        }
        Assert.Null(actualError);
        Assert.Equal(Encoding.UTF8.GetString(expectedBytes!), Encoding.UTF8.GetString(actualBytes!));
        Assert.Equal(expectedBytes, actualBytes);
    }
}
