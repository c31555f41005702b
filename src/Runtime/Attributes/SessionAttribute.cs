namespace TypedSession;

/// <summary>
/// Marks a <c>partial</c> class whose <c>partial</c> properties TypedSession's source generator implements over the
/// request's <see cref="Microsoft.AspNetCore.Http.ISession"/>.
/// </summary>
/// <example>
/// <code>
/// [Session]
/// public partial class UserSession
/// {
///     public partial string? Username { get; set; }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class SessionAttribute : Attribute
{
    /// <summary>
    /// Prepended to the key of every property of the class, for example <c>"cart:"</c>. A property's
    /// <see cref="SessionKeyAttribute"/> replaces the property name, not the prefix.
    /// </summary>
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// A <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> whose source-generated metadata stores the
    /// class's complex properties (records, classes, arrays, lists, dictionaries). No reflection is used.
    /// </summary>
    public Type? JsonContext { get; set; }
}
