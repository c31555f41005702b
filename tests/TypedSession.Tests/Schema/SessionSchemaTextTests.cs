using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSession.Generator.Model;
using TypedSession.Generator.Schema;

namespace TypedSession.Tests.Schema;

/// <summary>
/// The shipped-schema file's text: what is written reads back as the same schema, whatever the keys and encodings
/// (random schemas, shrunk by FsCheck), and the same schema always gives the same text.
/// </summary>
public sealed class SessionSchemaTextTests
{
    [Property(Arbitrary = [typeof(RandomSchemas)], MaxTest = 300)]
    public bool Written_schema_reads_back_as_the_same_schema(SessionSchemaSample sample)
    {
        var written = sample.Schema.Write();
        var read = SessionSchema.Parse(written);
        return WithoutLines(read) == WithoutLines(sample.Schema) && read.Write() == written;
    }

    [Property(Arbitrary = [typeof(RandomSchemas)], MaxTest = 100)]
    public bool The_text_does_not_depend_on_the_order_classes_and_keys_come_in(SessionSchemaSample sample)
    {
        var reversed = SessionSchema.Create(sample.Schema.Classes.Reverse().Select(schemaClass =>
            schemaClass with { Keys = new EquatableArray<SchemaKey>(schemaClass.Keys.Reverse()) }));
        return reversed.Write() == sample.Schema.Write();
    }

    [Fact]
    public void The_format_is_one_header_line_per_class_and_one_line_per_key()
    {
        var schema = SessionSchema.Create([
            new SessionSchemaClass("Shop.CartSession", new EquatableArray<SchemaKey>([
                new SchemaKey("cart.count", new KeyEncoding(EncodingForm.Codec, "Int64", false, null)),
                new SchemaKey("cart.basket", new KeyEncoding(EncodingForm.Json, "Shop.Basket", true, new EquatableArray<JsonMemberEncoding>([
                    new JsonMemberEncoding("Lines", "Int32", false),
                    new JsonMemberEncoding("Note", "String", true),
                ]))),
                new SchemaKey("odd: key", new KeyEncoding(EncodingForm.Enum, "Byte", true, null)),
            ]), -1),
        ]);

        Assert.Equal(
            SessionSchema.Header + """

            [Shop.CartSession]
            cart.basket: Json(Shop.Basket)? { Lines: Int32, Note: String? }
            cart.count: Int64
            "odd: key": Enum(Byte)?

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            schema.Write());
    }

    [Fact]
    public void Comments_blank_lines_and_lines_it_does_not_understand_are_skipped()
    {
        var schema = SessionSchema.Parse("""
            # a comment
            [Shop.CartSession]

            count: Int32
            not a key line
            odd: Enum(
            """);

        var schemaClass = Assert.Single(schema.Classes);
        Assert.Equal("count", Assert.Single(schemaClass.Keys).Key);
    }

    private static SessionSchema WithoutLines(SessionSchema schema) =>
        new(new EquatableArray<SessionSchemaClass>(schema.Classes.Select(schemaClass => schemaClass with { Line = 0 })));
}

/// <summary>A random schema, sorted as the file lists it, with keys of any characters.</summary>
public sealed class SessionSchemaSample
{
    internal SessionSchemaSample(SessionSchema schema) => Schema = schema;

    internal SessionSchema Schema { get; }

    public override string ToString() => Schema.Write();
}

/// <summary>FsCheck generators of <see cref="SessionSchemaSample"/>.</summary>
public static class RandomSchemas
{
    private static readonly string[] Codecs = ["String", "Int32", "Int64", "Boolean", "Guid", "DateTimeOffset", "ByteArray"];
    private static readonly string[] Kinds = ["String", "Int32", "Double", "Guid", "DateTime", "Boolean"];
    private static readonly string[] TypeNames = ["Shop.Basket", "System.Collections.Generic.List<string>", "(int, string)", "Shop.Outer.Line<Shop.Item>"];

    public static Arbitrary<SessionSchemaSample> Samples() =>
        ListOf(SchemaClass(), 4)
            .Select(classes => new SessionSchemaSample(SessionSchema.Create(classes.DistinctBy(schemaClass => schemaClass.ClassName))))
            .ToArbitrary();

    private static Gen<List<T>> ListOf<T>(Gen<T> gen, int max) =>
        Gen.Choose(0, max).SelectMany(count => gen.ListOf(count)).Select(items => items.ToList());

    private static Gen<SessionSchemaClass> SchemaClass() =>
        from name in Gen.Elements("Shop.CartSession", "UserSession", "Shop.Outer.Inner", "Shop.TenantSession<T>")
        from keys in ListOf(Key(), 6)
        select new SessionSchemaClass(name, new EquatableArray<SchemaKey>(keys.DistinctBy(key => key.Key)), -1);

    private static Gen<SchemaKey> Key() =>
        from key in Gen.OneOf(
            Gen.Elements("Username", "cart.count", "a: b", " padded ", "\"quoted\"", "#hash", "[bracket", "colon:", "tab\tand\nnewline", "back\\slash", string.Empty, "é ✓"),
            ArbMap.Default.GeneratorFor<NonNull<string>>().Select(value => value.Get))
        from encoding in Encoding()
        select new SchemaKey(key, encoding);

    private static Gen<KeyEncoding> Encoding() =>
        from form in Gen.Elements(EncodingForm.Codec, EncodingForm.Enum, EncodingForm.Json)
        from codec in Gen.Elements(Codecs)
        from typeName in Gen.Elements(TypeNames)
        from nullable in ArbMap.Default.GeneratorFor<bool>()
        from members in Gen.OneOf(Gen.Constant<List<JsonMemberEncoding>?>(null), ListOf(Member(), 5).Select(list => (List<JsonMemberEncoding>?)list.DistinctBy(member => member.Name).OrderBy(member => member.Name, StringComparer.Ordinal).ToList()))
        select form == EncodingForm.Json
            ? new KeyEncoding(form, typeName, nullable, members is null ? null : new EquatableArray<JsonMemberEncoding>(members))
            : new KeyEncoding(form, codec, nullable, null);

    private static Gen<JsonMemberEncoding> Member() =>
        from name in Gen.Elements("Name", "Lines", "total_price", "Note", "x")
        from kind in Gen.Elements(Kinds)
        from nullable in ArbMap.Default.GeneratorFor<bool>()
        select new JsonMemberEncoding(name, kind, nullable);
}
