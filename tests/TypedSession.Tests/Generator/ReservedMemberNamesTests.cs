using System.Reflection;
using TypedSession.Generator.Parser;

namespace TypedSession.Tests.Generator;

// SESS005 must know every member a session class inherits, or a property could hide one (ExpiresAt, TouchAsync, ...).
public sealed class ReservedMemberNamesTests
{
    [Fact]
    public void Every_member_of_TypedSessionBase_is_a_reserved_name()
    {
        var members = typeof(TypedSessionBase)
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo or MethodInfo { IsSpecialName: false } && !m.Name.StartsWith('<') && m.DeclaringType == typeof(TypedSessionBase))
            .Where(m => m is not MethodInfo { IsPrivate: true } and not PropertyInfo { GetMethod.IsPrivate: true })
            .Select(m => m.Name)
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.All(members, name => Assert.True(ReservedMemberNames.IsReserved(name), $"TypedSessionBase.{name} is not reserved (SESS005)."));
    }

    [Theory]
    [InlineData("ExpiresAt")]
    [InlineData("LastAccessedAt")]
    [InlineData("TouchAsync")]
    public void The_lifecycle_members_of_issue_11_are_reserved(string name) => Assert.True(ReservedMemberNames.IsReserved(name));
}
