using System.Collections.Immutable;

namespace TypedSession.Generator.Parser;

/// <summary>
/// Member names the generated part of a session class takes (SESS005): every member of <c>TypedSessionBase</c>, the
/// generated <c>Create</c> and <c>BindAsync</c>, one <c>Remove{Property}</c> per property, and the private fields,
/// which all start with <see cref="GeneratedFieldPrefix"/>.
/// </summary>
internal static class ReservedMemberNames
{
    /// <summary>The generated static factory of <c>ITypedSession&lt;T&gt;</c>.</summary>
    public const string Create = "Create";

    /// <summary>The generated minimal-API binding method.</summary>
    public const string BindAsync = "BindAsync";

    /// <summary>The generated override that forgets cached values.</summary>
    public const string ResetCachedValues = "ResetCachedValues";

    /// <summary>The prefix of the remover generated for each property.</summary>
    public const string RemoverPrefix = "Remove";

    /// <summary>Every generated field (cached values, loaded flags, JSON metadata) starts with this.</summary>
    public const string GeneratedFieldPrefix = "__";

    /// <summary>The members of <c>TypedSession.TypedSessionBase</c>, which every session class inherits.</summary>
    public static readonly ImmutableArray<string> BaseMembers = ImmutableArray.Create(
        "RawSession", "Id", "IsAvailable", "IsNew", "CreatedAt", "LastAccessedAt", "ExpiresAt", "IsPersistent", "RememberMe",
        "LoggedInUserId", "LogInAsync", "LogOutAsync",
        "LoadAsync", "CommitAsync", "RegenerateIdAsync", "DestroyAsync", "ReloadAsync", "TouchAsync", "Clear", ResetCachedValues);

    /// <summary>The members the generated part adds to every class, besides removers and fields.</summary>
    public static readonly ImmutableArray<string> GeneratedMembers = ImmutableArray.Create(Create, BindAsync, ResetCachedValues);

    /// <summary>The name of the remover generated for the property <paramref name="propertyName"/>.</summary>
    public static string RemoverName(string propertyName) => RemoverPrefix + propertyName;

    /// <summary>
    /// True when <paramref name="memberName"/> is a member of <c>TypedSessionBase</c>, a member every generated part
    /// adds, or a generated field name. Removers depend on the other properties: see <see cref="IsRemoverOf"/>.
    /// </summary>
    public static bool IsReserved(string memberName) =>
        BaseMembers.Contains(memberName) || GeneratedMembers.Contains(memberName)
        || memberName.StartsWith(GeneratedFieldPrefix, System.StringComparison.Ordinal);

    /// <summary>True when <paramref name="memberName"/> is the remover generated for <paramref name="propertyName"/>.</summary>
    public static bool IsRemoverOf(string memberName, string propertyName) =>
        memberName.Length == RemoverPrefix.Length + propertyName.Length
        && memberName.StartsWith(RemoverPrefix, System.StringComparison.Ordinal)
        && memberName.EndsWith(propertyName, System.StringComparison.Ordinal);
}
