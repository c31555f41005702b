using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Parser;

/// <summary>The named arguments of one <c>[Session]</c> attribute.</summary>
/// <param name="KeyPrefix">Prepended to every key of the class; empty when not set.</param>
/// <param name="JsonContext">The type named by <c>JsonContext</c>, or null.</param>
internal readonly record struct SessionAttributeArguments(string KeyPrefix, INamedTypeSymbol? JsonContext)
{
    /// <summary>Reads the arguments of <paramref name="sessionAttribute"/>.</summary>
    public static SessionAttributeArguments Read(AttributeData sessionAttribute)
    {
        var prefix = string.Empty;
        INamedTypeSymbol? jsonContext = null;
        foreach (var argument in sessionAttribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "KeyPrefix" when argument.Value.Value is string value:
                    prefix = value;
                    break;
                case "JsonContext" when argument.Value.Value is INamedTypeSymbol type:
                    jsonContext = type;
                    break;
            }
        }
        return new SessionAttributeArguments(prefix, jsonContext);
    }
}
