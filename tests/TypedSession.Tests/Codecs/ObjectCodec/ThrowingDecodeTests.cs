using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using TypedSession.Generated;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>
/// Whatever decoding raises (the type's own constructor or setter, a member System.Text.Json cannot set) reads as the
/// default with a report naming the key; nothing is thrown into the request and the stored bytes stay.
/// </summary>
public sealed class ThrowingDecodeTests
{
    private readonly ReportingSession raw = new();

    [Fact]
    public void A_constructor_that_throws_while_the_codec_reads_gives_null_and_a_report()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"Low":5,"High":1}""");
        raw.Set("Range", bytes);

        var read = Record.Exception(() => Assert.Null(ThrowingSession.Create(raw).Range));

        Assert.Null(read);
        var report = Assert.Single(raw.Reports);
        Assert.Equal(("Range", typeof(ValidatedRange)), (report.Key, report.ValueType));
        Assert.IsType<ArgumentException>(report.Error);
        Assert.Equal(bytes, raw.Get("Range"));
    }

    [Fact]
    public void A_constructor_that_throws_on_reordered_JSON_gives_null_and_a_report()
    {
        raw.Set("Range", Encoding.UTF8.GetBytes("""{ "High": 1, "Low": 5 }"""));

        Assert.Null(ThrowingSession.Create(raw).Range);

        Assert.IsType<ArgumentException>(Assert.Single(raw.Reports).Error);
    }

    [Fact]
    public void A_valid_value_still_round_trips_through_the_validating_constructor()
    {
        ThrowingSession.Create(raw).Range = new ValidatedRange(1, 5);

        Assert.Equal(new ValidatedRange(1, 5), ThrowingSession.Create(raw).Range);
        Assert.Empty(raw.Reports);
    }

    [Fact]
    public void A_setter_that_throws_while_System_Text_Json_reads_gives_null_and_a_report()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"Name":""}""");
        raw.Set("Name", bytes);
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize(bytes, ThrowingJsonContext.Default.ValidatedName));

        var read = Record.Exception(() => Assert.Null(ThrowingSession.Create(raw).Name));

        Assert.Null(read);
        var report = Assert.Single(raw.Reports);
        Assert.Equal("Name", report.Key);
        Assert.IsType<ArgumentOutOfRangeException>(report.Error);
        Assert.Equal(bytes, raw.Get("Name"));
    }

    [Fact]
    public void Metadata_that_throws_while_System_Text_Json_creates_the_object_gives_null_and_a_report()
    {
        // As System.Text.Json's metadata does for a [JsonInclude] member its generator cannot reach.
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = ThrowingJsonContext.Default.WithAddedModifier(info =>
            {
                if (info.Type == typeof(ValidatedName))
                {
                    info.CreateObject = () => throw new InvalidOperationException("cannot create");
                }
            }),
        };
        var typeInfo = (JsonTypeInfo<ValidatedName>)options.GetTypeInfo(typeof(ValidatedName));
        var bytes = Encoding.UTF8.GetBytes("""{"Name":"Ann"}""");
        raw.Set("Name", bytes);

        var read = Record.Exception(() => Assert.Null(SessionValues.ReadJson(raw, "Name", typeInfo)));

        Assert.Null(read);
        Assert.IsType<InvalidOperationException>(Assert.Single(raw.Reports).Error);
        Assert.Equal(bytes, raw.Get("Name"));
    }
}
