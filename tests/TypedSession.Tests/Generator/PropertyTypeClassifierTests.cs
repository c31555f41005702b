using Microsoft.CodeAnalysis;
using TypedSession.Generator;
using TypedSession.Generator.Model;
using TypedSession.Generator.Parser;

namespace TypedSession.Tests.Generator;

/// <summary>
/// The classification the generator and SESS003 share: what each property type is stored with, or why it cannot be.
/// </summary>
public sealed class PropertyTypeClassifierTests
{
    private const string Types = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace App;

        public enum IntEnum { A }
        public enum ByteEnum : byte { A }
        public enum UIntEnum : uint { A }
        public sealed record Item(string Name);
        public struct Point { public int X { get; set; } }

        [JsonSerializable(typeof(List<Item>))]
        [JsonSerializable(typeof(Point?))]
        public partial class AppJsonContext : JsonSerializerContext { }

        public class NotAContext { }

        public unsafe class Holder<T>
        {
            public string? String;
            public bool Bool;
            public byte Byte;
            public short Short;
            public int Int;
            public long Long;
            public float Float;
            public double Double;
            public decimal Decimal;
            public char Char;
            public Guid Guid;
            public DateTime DateTime;
            public DateTimeOffset DateTimeOffset;
            public DateOnly DateOnly;
            public TimeOnly TimeOnly;
            public TimeSpan TimeSpan;
            public IntEnum IntEnum;
            public ByteEnum? NullableByteEnum;
            public UIntEnum UIntEnum;
            public byte[]? Bytes;
            public int? NullableInt;
            public Guid? NullableGuid;
            public object? Object;
            public dynamic? Dynamic;
            public IDisposable? Interface;
            public Action? Delegate;
            public int* Pointer;
            public T? TypeParameter;
            public List<T>? OpenGeneric;
            public IntPtr NativeInt;
            public Item? Item;
            public List<Item>? Items;
            public Point? NullablePoint;
            public Point Point;
        }
        """;

    [Theory]
    [InlineData("String", "StringCodec", "string")]
    [InlineData("Bool", "BooleanCodec", "bool")]
    [InlineData("Byte", "ByteCodec", "byte")]
    [InlineData("Short", "Int16Codec", "short")]
    [InlineData("Int", "Int32Codec", "int")]
    [InlineData("Long", "Int64Codec", "long")]
    [InlineData("Float", "SingleCodec", "float")]
    [InlineData("Double", "DoubleCodec", "double")]
    [InlineData("Decimal", "DecimalCodec", "decimal")]
    [InlineData("Char", "CharCodec", "char")]
    [InlineData("Guid", "GuidCodec", "global::System.Guid")]
    [InlineData("DateTime", "DateTimeCodec", "global::System.DateTime")]
    [InlineData("DateTimeOffset", "DateTimeOffsetCodec", "global::System.DateTimeOffset")]
    [InlineData("DateOnly", "DateOnlyCodec", "global::System.DateOnly")]
    [InlineData("TimeOnly", "TimeOnlyCodec", "global::System.TimeOnly")]
    [InlineData("TimeSpan", "TimeSpanCodec", "global::System.TimeSpan")]
    [InlineData("Bytes", "ByteArrayCodec", "byte[]")]
    [InlineData("IntEnum", "Int32Codec", "int")]
    public void Simple_types_use_their_codec(string field, string codec, string storedType)
    {
        var access = Classify(field, jsonContext: null).Access;

        Assert.NotNull(access);
        Assert.Equal(ValueAccessKind.Codec, access.Kind);
        Assert.Equal("global::TypedSession.Generated." + codec, access.CodecTypeName);
        Assert.Equal(storedType, access.StoredTypeName);
    }

    [Theory]
    [InlineData("NullableInt", "Int32Codec", "int", null)]
    [InlineData("NullableGuid", "GuidCodec", "global::System.Guid", null)]
    [InlineData("NullableByteEnum", "ByteCodec", "byte", "global::App.ByteEnum")]
    public void Nullable_value_types_use_the_nullable_form_of_the_codec(string field, string codec, string storedType, string? enumType)
    {
        var access = Classify(field, jsonContext: null).Access;

        Assert.NotNull(access);
        Assert.Equal(ValueAccessKind.NullableCodec, access.Kind);
        Assert.Equal("global::TypedSession.Generated." + codec, access.CodecTypeName);
        Assert.Equal(storedType, access.StoredTypeName);
        Assert.Equal(enumType, access.EnumTypeName);
    }

    [Theory]
    [InlineData("Object")]
    [InlineData("Dynamic")]
    [InlineData("Interface")]
    [InlineData("Delegate")]
    [InlineData("Pointer")]
    [InlineData("TypeParameter")]
    [InlineData("OpenGeneric")]
    [InlineData("NativeInt")]
    [InlineData("UIntEnum")]
    public void Types_no_encoding_can_serve_are_unsupported_even_with_a_json_context(string field)
    {
        var classification = Classify(field, jsonContext: "App.AppJsonContext");

        Assert.Equal(PropertyTypeCategory.Unsupported, classification.Category);
        Assert.Null(classification.Access);
        Assert.False(string.IsNullOrWhiteSpace(classification.UnsupportedReason));
    }

    [Fact]
    public void A_complex_type_without_a_json_context_says_to_name_one()
    {
        var classification = Classify("Items", jsonContext: null);

        Assert.Equal(PropertyTypeCategory.ComplexWithoutJsonContext, classification.Category);
        Assert.Contains("JsonContext", classification.UnsupportedReason);
        Assert.Contains("[JsonSerializable(typeof(System.Collections.Generic.List<App.Item>))]", classification.UnsupportedReason);
    }

    [Fact]
    public void A_complex_type_the_context_does_not_list_says_which_attribute_to_add()
    {
        var classification = Classify("Item", jsonContext: "App.AppJsonContext");

        Assert.Equal(PropertyTypeCategory.ComplexNotCoveredByJsonContext, classification.Category);
        Assert.Contains("[JsonSerializable(typeof(App.Item))]", classification.UnsupportedReason);
    }

    [Fact]
    public void A_json_context_that_is_not_a_JsonSerializerContext_is_reported()
    {
        Assert.Equal(PropertyTypeCategory.InvalidJsonContext, Classify("Items", jsonContext: "App.NotAContext").Category);
    }

    [Theory]
    [InlineData("Items", "global::System.Collections.Generic.List<global::App.Item>")]
    [InlineData("NullablePoint", "global::App.Point?")]
    public void Complex_types_listed_by_the_context_are_stored_as_json(string field, string storedType)
    {
        var access = Classify(field, jsonContext: "App.AppJsonContext").Access;

        Assert.NotNull(access);
        Assert.Equal(ValueAccessKind.Json, access.Kind);
        Assert.Equal(storedType, access.StoredTypeName);
        Assert.Equal("global::App.AppJsonContext", access.JsonContextTypeName);
    }

    [Fact]
    public void A_complex_struct_listed_only_as_nullable_is_not_covered()
    {
        Assert.Equal(PropertyTypeCategory.ComplexNotCoveredByJsonContext, Classify("Point", jsonContext: "App.AppJsonContext").Category);
    }

    [Fact]
    public void A_type_that_does_not_resolve_is_left_to_the_compiler()
    {
        var compilation = GeneratorTestCompilation.Create("public class Holder { public Missing? Field; }");
        var field = (IFieldSymbol)compilation.GetTypeByMetadataName("Holder")!.GetMembers("Field").Single();

        var classification = PropertyTypeClassifier.Classify(field.Type, null, new KnownTypeSymbols(compilation));

        Assert.Equal(PropertyTypeCategory.Unresolved, classification.Category);
        Assert.Null(classification.UnsupportedReason);
    }

    private static PropertyTypeClassification Classify(string field, string? jsonContext)
    {
        var compilation = GeneratorTestCompilation.Create(Types);
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
        var holder = compilation.GetTypeByMetadataName("App.Holder`1")!;
        var type = ((IFieldSymbol)holder.GetMembers(field).Single()).Type;
        var context = jsonContext is null ? null : compilation.GetTypeByMetadataName(jsonContext);
        return PropertyTypeClassifier.Classify(type, context, new KnownTypeSymbols(compilation));
    }
}
