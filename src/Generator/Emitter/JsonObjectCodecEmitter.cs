using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator.Model;

namespace TypedSession.Generator.Emitter;

/// <summary>
/// Writes the codec of one plain-object JSON property: a <c>JsonObjectCodec&lt;T&gt;</c> that writes the members as
/// bytes in System.Text.Json's order and reads them with a byte reader or <c>Utf8JsonReader</c>, then calls the
/// constructor (or the setters) directly. The runtime base class checks the JSON context's metadata against the
/// member list written here and leaves the type to System.Text.Json when they differ.
/// </summary>
internal static class JsonObjectCodecEmitter
{
    private const string Codecs = "global::TypedSession.Generated.";
    private const string Json = "global::System.Text.Json.";

    /// <summary>Writes the codec class <paramref name="className"/> for <paramref name="shape"/>.</summary>
    public static void Write(SourceWriter writer, string className, JsonObjectShapeSpec shape, string generatedCodeAttribute)
    {
        writer.WriteLine(generatedCodeAttribute);
        writer.WriteLine($"public sealed class {className} : {Codecs}JsonObjectCodec<{shape.TypeName}>");
        writer.OpenBlock();
        WriteConstructor(writer, className, shape);
        writer.WriteLine();
        WriteTryWriteMembers(writer, shape);
        writer.WriteLine();
        WriteTryReadMembers(writer, shape);
        writer.WriteLine();
        WriteTryReadProperties(writer, shape);
        writer.CloseBlock();
    }

    private static void WriteConstructor(SourceWriter writer, string className, JsonObjectShapeSpec shape)
    {
        writer.WriteLine($"public {className}({Json}Serialization.Metadata.JsonTypeInfo<{shape.TypeName}> typeInfo)");
        writer.WriteLine($"    : base(typeInfo, new {Codecs}JsonObjectMember[]");
        writer.WriteLine("    {");
        foreach (var member in shape.Members)
        {
            var declaredName = member.DeclaredJsonName is { } name ? Literal(name) : "null";
            writer.WriteLine($"        new({Literal(member.MetadataName)}, {declaredName}, typeof({member.TypeName})),");
        }
        writer.WriteLine("    })");
        writer.OpenBlock();
        writer.CloseBlock();
    }

    private static void WriteTryWriteMembers(SourceWriter writer, JsonObjectShapeSpec shape)
    {
        writer.WriteLine($"protected override bool TryWriteMembers(ref {Codecs}JsonObjectByteWriter writer, {shape.TypeName} value)");
        writer.OpenBlock();
        var members = shape.Members;
        if (HasFloatingPoint(shape))
        {
            // Floating-point text is Utf8JsonWriter's own: the whole value goes to System.Text.Json.
            writer.WriteLine("return false;");
        }
        else
        {
            for (var i = 0; i < members.Count; i++)
            {
                var prefix = i == 0 ? "return " : "    && ";
                var suffix = i == members.Count - 1 ? ";" : string.Empty;
                writer.WriteLine($"{prefix}writer.TryWrite({i}, value.{members[i].Name}){suffix}");
            }
        }
        writer.CloseBlock();
    }

    private static void WriteTryReadMembers(SourceWriter writer, JsonObjectShapeSpec shape)
    {
        var members = shape.Members;
        writer.WriteLine($"protected override bool TryReadMembers(ref {Codecs}JsonObjectByteReader reader, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {shape.TypeName} value)");
        writer.OpenBlock();
        writer.WriteLine("value = default!;");
        if (HasFloatingPoint(shape))
        {
            // Floating-point numbers are parsed by Utf8JsonReader alone: the whole value goes through TryReadProperties.
            writer.WriteLine("return false;");
            writer.CloseBlock();
            return;
        }
        for (var i = 0; i < members.Count; i++)
        {
            var prefix = i == 0 ? "if (" : "    || ";
            writer.WriteLine($"{prefix}!reader.TryRead({i}, out {members[i].LocalTypeName} {Local(i)})");
        }
        writer.WriteLine("    || !reader.IsAtEnd())");
        writer.OpenBlock();
        writer.WriteLine("return false;");
        writer.CloseBlock();
        writer.WriteLine($"value = {Creation(shape)};");
        writer.WriteLine("return true;");
        writer.CloseBlock();
    }

    private static bool HasFloatingPoint(JsonObjectShapeSpec shape)
    {
        foreach (var member in shape.Members)
        {
            if (member.IsFloatingPoint)
            {
                return true;
            }
        }
        return false;
    }

    private static void WriteTryReadProperties(SourceWriter writer, JsonObjectShapeSpec shape)
    {
        var members = shape.Members;
        writer.WriteLine($"protected override bool TryReadProperties(ref {Json}Utf8JsonReader reader, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {shape.TypeName} value)");
        writer.OpenBlock();
        writer.WriteLine("value = default!;");
        for (var i = 0; i < members.Count; i++)
        {
            writer.WriteLine($"{members[i].LocalTypeName} {Local(i)} = default;");
        }
        writer.WriteLine("var read = 0UL;");
        writer.WriteLine("var next = 0;");
        writer.WriteLine($"while (reader.Read() && reader.TokenType == {Json}JsonTokenType.PropertyName)");
        writer.OpenBlock();
        writer.WriteLine("var member = MatchName(ref reader, next);");
        // An unknown or repeated name goes to System.Text.Json, which knows whether the options allow it.
        writer.WriteLine("if (member < 0 || (read & (1UL << member)) != 0UL || !reader.Read())");
        writer.OpenBlock();
        writer.WriteLine("return false;");
        writer.CloseBlock();
        writer.WriteLine("var valid = member switch");
        writer.OpenBlock();
        for (var i = 0; i < members.Count; i++)
        {
            writer.WriteLine($"{i} => {MemberRead(members[i])}(ref reader, out {Local(i)}),");
        }
        writer.WriteLine("_ => false,");
        writer.CloseBlock(";");
        writer.WriteLine("if (!valid)");
        writer.OpenBlock();
        writer.WriteLine("return false;");
        writer.CloseBlock();
        writer.WriteLine("read |= 1UL << member;");
        writer.WriteLine("next = member + 1;");
        writer.CloseBlock();
        // A missing member would take a default System.Text.Json chooses (a parameter's default value, an initializer).
        writer.WriteLine($"if (reader.TokenType != {Json}JsonTokenType.EndObject || read != {AllMembersMask(members.Count)})");
        writer.OpenBlock();
        writer.WriteLine("return false;");
        writer.CloseBlock();
        writer.WriteLine($"value = {Creation(shape)};");
        writer.WriteLine("return true;");
        writer.CloseBlock();
    }

    // JsonMemberValues.TryRead<Reader, T>, or TryReadNullable<Reader, T> for a nullable value type.
    private static string MemberRead(JsonObjectMemberSpec member) => member.NullableValueTypeName is { } underlying
        ? $"{Codecs}JsonMemberValues.TryReadNullable<{Codecs}JsonMemberValues.{member.ReaderName}, {underlying}>"
        : $"{Codecs}JsonMemberValues.TryRead<{Codecs}JsonMemberValues.{member.ReaderName}, {member.LocalTypeName}>";

    private static string Creation(JsonObjectShapeSpec shape)
    {
        var members = shape.Members;
        var arguments = new string[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var local = members[i].IsNonNullableReference ? Local(i) + "!" : Local(i);
            if (shape.UsesConstructor)
            {
                arguments[members[i].ParameterIndex] = local;
            }
            else
            {
                arguments[i] = $"{members[i].Name} = {local}";
            }
        }
        return shape.UsesConstructor
            ? $"new {shape.TypeName}({string.Join(", ", arguments)})"
            : $"new {shape.TypeName} {{ {string.Join(", ", arguments)} }}";
    }

    private static string AllMembersMask(int count) =>
        count == 64 ? "0xFFFFFFFFFFFFFFFFUL" : "0x" + ((1UL << count) - 1).ToString("X", CultureInfo.InvariantCulture) + "UL";

    private static string Local(int index) => "member" + index.ToString(CultureInfo.InvariantCulture);

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
