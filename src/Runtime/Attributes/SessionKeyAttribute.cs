namespace TypedSession;

/// <summary>
/// Overrides the session key of a property of a <see cref="SessionAttribute"/> class. Use it to keep a key that
/// existing code reads with <c>HttpContext.Session.GetString("key")</c>, or to rename a property without losing
/// the values already stored.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class SessionKeyAttribute : Attribute
{
    /// <summary>Creates the attribute with the key to store the property under.</summary>
    /// <param name="key">The session key; the class's <see cref="SessionAttribute.KeyPrefix"/> is still prepended.</param>
    public SessionKeyAttribute(string key) => Key = key;

    /// <summary>The session key, before the class's prefix.</summary>
    public string Key { get; }
}
