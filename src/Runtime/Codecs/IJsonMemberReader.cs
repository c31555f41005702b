using System.ComponentModel;
using System.Text.Json;

namespace TypedSession.Generated;

/// <summary>
/// Reads one member type of a generated <see cref="JsonObjectCodec{T}"/> from a <see cref="Utf8JsonReader"/> positioned
/// on the member's value, with the calls System.Text.Json's built-in converter for the type makes. A struct with a
/// static member, as <see cref="IValueCodec{T}"/>, so that <see cref="JsonMemberValues"/> is specialised per member
/// type by the JIT. For generated code; not a stable API.
/// </summary>
/// <typeparam name="T">The member type (not nullable: <see cref="JsonMemberValues.TryReadNullable{TReader, T}"/> adds the null literal).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IJsonMemberReader<T>
{
    /// <summary>
    /// Reads the value; <see langword="false"/> for a token the converter would not take without its options' help,
    /// and the codec then leaves the value to System.Text.Json.
    /// </summary>
    static abstract bool TryRead(ref Utf8JsonReader reader, out T value);
}
