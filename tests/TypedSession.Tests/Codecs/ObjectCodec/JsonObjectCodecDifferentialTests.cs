using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using TypedSession.Generated;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>
/// Property-based differential tests of the generated object codec against <see cref="JsonSerializer"/>: for random
/// values of three shapes (a constructor record with every member type, one without floating-point members, a class
/// built through setters with declared names) under every option set below, the codec writes the bytes System.Text.Json
/// writes (or fails as it fails), reads back what it reads from its bytes, and reads reordered, spaced, escaped,
/// incomplete or extended JSON as it does (or reports it undecodable where it throws). A System.Text.Json upgrade that
/// changes any of this fails here. FsCheck prints the seed of a failing case and shrinks it member by member.
/// </summary>
public sealed class JsonObjectCodecDifferentialTests
{
    private const int Values = 200;
    private const int VariantValues = 30;

    private static readonly OptionSet<EveryMember>[] EveryMemberSets = OptionSets<EveryMember>("Every");
    private static readonly OptionSet<ExactMembers>[] ExactMembersSets = OptionSets<ExactMembers>("Exact");
    private static readonly OptionSet<Settable>[] SettableSets = OptionSets<Settable>("Settable");

    // Escapes every non-ASCII character as \uXXXX; one instance, since each new options instance builds its own metadata cache.
    private static readonly JsonSerializerOptions EscapeEverything = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.None) };

    private readonly ReportingSession raw = new();

    [Fact]
    public void The_codec_serves_exactly_the_option_sets_it_reproduces()
    {
        foreach (var set in EveryMemberSets.Concat<IOptionSet>(ExactMembersSets).Concat(SettableSets))
        {
            Assert.True(set.ExpectsFastPath == set.IsFastPathEnabled, $"{set.Name}: fast path {set.IsFastPathEnabled}");
        }
    }

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = Values, QuietOnSuccess = true)]
    public void Records_with_every_member_type_are_written_as_System_Text_Json_writes_them(EveryMember value) =>
        AssertWritesLikeSystemTextJson(EveryMemberSets, value);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = Values, QuietOnSuccess = true)]
    public void Records_without_floating_point_members_are_written_as_System_Text_Json_writes_them(ExactMembers value) =>
        AssertWritesLikeSystemTextJson(ExactMembersSets, value);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = Values, QuietOnSuccess = true)]
    public void Classes_built_through_setters_are_written_as_System_Text_Json_writes_them(Settable value) =>
        AssertWritesLikeSystemTextJson(SettableSets, value);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = Values, QuietOnSuccess = true)]
    public void Records_with_every_member_type_are_read_as_System_Text_Json_reads_its_own_bytes(EveryMember value) =>
        AssertReadsLikeSystemTextJson(EveryMemberSets, value, variantSeed: null);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = Values, QuietOnSuccess = true)]
    public void Records_without_floating_point_members_are_read_as_System_Text_Json_reads_its_own_bytes(ExactMembers value) =>
        AssertReadsLikeSystemTextJson(ExactMembersSets, value, variantSeed: null);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = Values, QuietOnSuccess = true)]
    public void Classes_built_through_setters_are_read_as_System_Text_Json_reads_its_own_bytes(Settable value) =>
        AssertReadsLikeSystemTextJson(SettableSets, value, variantSeed: null);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = VariantValues, QuietOnSuccess = true)]
    public void Reordered_spaced_escaped_and_altered_JSON_of_records_is_read_as_System_Text_Json_reads_it(EveryMember value, int variantSeed) =>
        AssertReadsLikeSystemTextJson(EveryMemberSets, value, variantSeed);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = VariantValues, QuietOnSuccess = true)]
    public void Reordered_spaced_escaped_and_altered_JSON_of_exact_records_is_read_as_System_Text_Json_reads_it(ExactMembers value, int variantSeed) =>
        AssertReadsLikeSystemTextJson(ExactMembersSets, value, variantSeed);

    [Property(Arbitrary = [typeof(JsonObjectCodecProperties)], MaxTest = VariantValues, QuietOnSuccess = true)]
    public void Reordered_spaced_escaped_and_altered_JSON_of_classes_is_read_as_System_Text_Json_reads_it(Settable value, int variantSeed) =>
        AssertReadsLikeSystemTextJson(SettableSets, value, variantSeed);

    [Fact]
    public void Setters_that_affect_each_other_are_left_to_System_Text_Json_and_follow_the_JSON_order()
    {
        string[] orders = ["""{"Display":"abcdef","Short":"x"}""", """{"Short":"x","Display":"abcdef"}"""];

        Assert.Null(ObjectCodecProbe.Codec<Linked>(typeof(ObjectCodecSession), "Linked"));
        foreach (var json in orders)
        {
            var expected = JsonSerializer.Deserialize(json, ObjectCodecJsonContext.Default.Linked)!;
            raw.Set("Linked", Encoding.UTF8.GetBytes(json));

            var read = ObjectCodecSession.Create(raw).Linked!;

            Assert.Equal((expected.Display, expected.Short), (read.Display, read.Short));
        }
        Assert.NotEqual(JsonSerializer.Deserialize(orders[0], ObjectCodecJsonContext.Default.Linked)!.Short,
            JsonSerializer.Deserialize(orders[1], ObjectCodecJsonContext.Default.Linked)!.Short);
    }

    [Fact]
    public void A_MaxDepth_of_one_keeps_the_codec_and_rejects_deeper_JSON_as_System_Text_Json_does()
    {
        var set = EveryMemberSets.Single(candidate => candidate.Name == "MaxDepth 1");
        var value = new RandomMembers(seed: 3).NextEveryMember();
        var deeper = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, set.TypeInfo)).Replace("\"Text\":", "\"Unknown\":{\"a\":[1]},\"Text\":");

        Assert.True(set.IsFastPathEnabled);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, set.TypeInfo), set.Codec.Encode(value));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(deeper, set.TypeInfo));
        raw.Set("Every", Encoding.UTF8.GetBytes(deeper));
        Assert.Null(SessionValues.ReadJson(raw, "Every", set.Codec));
        Assert.IsType<JsonException>(Assert.Single(raw.Reports).Error, exactMatch: false);
    }

    private void AssertWritesLikeSystemTextJson<T>(OptionSet<T>[] sets, T value)
    {
        foreach (var set in sets)
        {
            byte[]? expected = null;
            var expectedError = Record.Exception(() => expected = JsonSerializer.SerializeToUtf8Bytes(value, set.TypeInfo));
            var actualError = Record.Exception(() => SessionValues.WriteJson(raw, "Value", value, set.Codec));
            if (expectedError is not null)
            {
                Assert.True(actualError?.GetType() == expectedError.GetType(), $"{set.Name}: {expectedError.GetType().Name} expected, {actualError?.GetType().Name ?? "nothing"} thrown");
                continue;
            }
            Assert.True(actualError is null, $"{set.Name}: {actualError}");
            var actual = raw.Get("Value")!;
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{set.Name}:\n{Encoding.UTF8.GetString(expected!)}\n{Encoding.UTF8.GetString(actual)}");
        }
    }

    private void AssertReadsLikeSystemTextJson<T>(OptionSet<T>[] sets, T value, int? variantSeed)
    {
        foreach (var set in sets)
        {
            byte[] written;
            try
            {
                written = JsonSerializer.SerializeToUtf8Bytes(value, set.TypeInfo);
            }
            catch (ArgumentException)
            {
                // A non-finite number, which System.Text.Json refuses to write; nothing to read.
                continue;
            }
            var inputs = variantSeed is { } seed ? Variants(written, new Random(seed)) : [written];
            foreach (var input in inputs)
            {
                AssertReadLikeSystemTextJson(set, input);
            }
        }
    }

    private void AssertReadLikeSystemTextJson<T>(OptionSet<T> set, byte[] input)
    {
        raw.Set("Value", input);
        raw.Reports.Clear();
        T? expected;
        try
        {
            expected = JsonSerializer.Deserialize(input, set.TypeInfo);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Assert.Null(SessionValues.ReadJson(raw, "Value", set.Codec));
            Assert.True(raw.Reports.Count == 1, $"{set.Name}: System.Text.Json threw {error.GetType().Name}, the codec read a value from {Encoding.UTF8.GetString(input)}");
            return;
        }
        var actual = SessionValues.ReadJson(raw, "Value", set.Codec);
        Assert.True(raw.Reports.Count == 0, $"{set.Name}: reported {Encoding.UTF8.GetString(input)}, which System.Text.Json reads");
        // Compared through System.Text.Json's bytes, which keep what Equals ignores: a decimal's scale, a DateTime's
        // kind, a DateTimeOffset's offset.
        var expectedText = expected is null ? "null" : Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(expected, set.TypeInfo));
        var actualText = actual is null ? "null" : Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(actual, set.TypeInfo));
        Assert.True(expectedText == actualText, $"{set.Name}: reading {Encoding.UTF8.GetString(input)}\nSystem.Text.Json: {expectedText}\ncodec: {actualText}");
    }

    // The same object written other ways System.Text.Json reads or rejects: members reversed or shuffled, an unknown
    // member, a case-insensitive twin, whitespace everywhere, a member twice, one missing, names escaped, strings
    // escaped, a number written with a fraction, a null where a value was.
    private static List<byte[]> Variants(byte[] bytes, Random random)
    {
        if (JsonNode.Parse(bytes) is not JsonObject node)
        {
            return [];
        }
        var members = node.Select(pair => (pair.Key, Value: pair.Value?.ToJsonString())).ToList();
        var numeric = members.FindIndex(pair => pair.Value is { Length: > 0 } text && char.IsAsciiDigit(text[^1]) && !text.StartsWith('"'));

        string Object(IEnumerable<(string Key, string? Value)> pairs, string separator = ",", string colon = ":") =>
            "{" + string.Join(separator, pairs.Select(pair => JsonSerializer.Serialize(pair.Key) + colon + (pair.Value ?? "null"))) + "}";

        var variants = new List<string>
        {
            Object(Enumerable.Reverse(members)),
            Object(members.OrderBy(_ => random.Next())),
            Object(members.Prepend(("Unknown", "{\"a\":[1,2,{}]}"))),
            Object(members.Append((members[0].Key.ToLowerInvariant(), "\"lower-case twin\""))),
            Object(members, separator: " ,\r\n\t", colon: " : "),
            " \n" + Object(members) + " \n",
            Object(members.Append(members[random.Next(members.Count)])),
            Object(members.Where((_, index) => index != random.Next(members.Count))),
            "{" + string.Join(",", members.Select(pair => "\"" + string.Concat(pair.Key.Select(c => $"\\u{(int)c:X4}")) + "\":" + (pair.Value ?? "null"))) + "}",
            Object(members.Select(pair => (pair.Key, pair.Value is { Length: > 2 } text && text[0] == '"'
                ? JsonSerializer.Serialize(JsonSerializer.Deserialize<string>(text), EscapeEverything)
                : pair.Value))),
            Object(members.Select((pair, index) => (pair.Key, index == random.Next(members.Count) ? "null" : pair.Value))),
        };
        if (numeric >= 0)
        {
            variants.Add(Object(members.Select((pair, index) => (pair.Key, index == numeric ? pair.Value + ".0" : pair.Value))));
        }
        return variants.Select(Encoding.UTF8.GetBytes).ToList();
    }

    private static OptionSet<T>[] OptionSets<T>(string property)
    {
        OptionSet<T> Context(string name, JsonSerializerContext context, bool fastPath) =>
            new(name, (JsonTypeInfo<T>)context.GetTypeInfo(typeof(T))!, property, fastPath);

        OptionSet<T> Options(string name, Action<JsonSerializerOptions> configure, bool fastPath)
        {
            var options = new JsonSerializerOptions { TypeInfoResolver = ObjectCodecJsonContext.Default };
            configure(options);
            return new(name, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), property, fastPath);
        }

        return
        [
            Context("default context", ObjectCodecJsonContext.Default, fastPath: true),
            Context("camelCase context", CamelCaseJsonContext.Default, fastPath: true),
            Context("snake_case context", SnakeCaseJsonContext.Default, fastPath: true),
            Context("nulls ignored", IgnoreNullsJsonContext.Default, fastPath: false),
            Context("numbers as strings", NumbersAsStringsJsonContext.Default, fastPath: false),
            Options("relaxed encoder", options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, fastPath: true),
            Options("Basic Latin encoder", options => options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin), fastPath: true),
            Options("MaxDepth 1", options => options.MaxDepth = 1, fastPath: true),
            Options("kebab-case options", options => options.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseUpper, fastPath: true),
            Options("indented", options => options.WriteIndented = true, fastPath: false),
            Options("case-insensitive reads", options => options.PropertyNameCaseInsensitive = true, fastPath: true),
            Options("unmapped members disallowed", options => options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, fastPath: true),
        ];
    }

    private interface IOptionSet
    {
        string Name { get; }

        bool ExpectsFastPath { get; }

        bool IsFastPathEnabled { get; }
    }

    // One JSON configuration: its metadata and the generated codec over it.
    private sealed class OptionSet<T>(string name, JsonTypeInfo<T> typeInfo, string property, bool expectsFastPath) : IOptionSet
    {
        public string Name { get; } = name;

        public JsonTypeInfo<T> TypeInfo { get; } = typeInfo;

        public JsonObjectCodec<T> Codec { get; } = ObjectCodecProbe.CodecOver(typeof(ObjectCodecSession), property, typeInfo);

        public bool ExpectsFastPath { get; } = expectsFastPath;

        public bool IsFastPathEnabled => Codec.IsFastPathEnabled;
    }
}
