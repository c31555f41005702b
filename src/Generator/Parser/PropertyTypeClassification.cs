using TypedSession.Generator.Model;

namespace TypedSession.Generator.Parser;

/// <summary>
/// The result of <see cref="PropertyTypeClassifier.Classify"/>: how to store a property type, or why it cannot be
/// stored. The analyzers turn <see cref="UnsupportedReason"/> into SESS003's message; the generator uses
/// <see cref="Access"/>.
/// </summary>
/// <param name="Category">What was concluded.</param>
/// <param name="Access">How to read and write the type; set exactly when <see cref="Category"/> is Supported.</param>
/// <param name="UnsupportedReason">A sentence that says why the type cannot be stored and what to do; null when supported or unresolved.</param>
internal readonly record struct PropertyTypeClassification(
    PropertyTypeCategory Category,
    ValueAccessSpec? Access,
    string? UnsupportedReason)
{
    /// <summary>True when the generator can implement a property of this type.</summary>
    public bool IsSupported => Category == PropertyTypeCategory.Supported;
}
