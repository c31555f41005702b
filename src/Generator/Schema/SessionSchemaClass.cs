using TypedSession.Generator.Model;

namespace TypedSession.Generator.Schema;

/// <summary>The stored keys of one <c>[Session]</c> class, ordered by key.</summary>
/// <param name="ClassName">The class's full name without <c>global::</c> (<c>Shop.UserSession</c>, <c>Shop.TenantSession&lt;T&gt;</c>).</param>
/// <param name="Keys">Its keys, in ordinal order.</param>
/// <param name="Line">The zero-based line of its header in the file it was read from; -1 for a schema of the current code.</param>
internal sealed record SessionSchemaClass(string ClassName, EquatableArray<SchemaKey> Keys, int Line)
{
    /// <summary>The key's entry, or null.</summary>
    public SchemaKey? Find(string key)
    {
        foreach (var entry in Keys)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }
        return null;
    }
}
