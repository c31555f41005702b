using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Tests.Generator;

/// <summary>
/// A generated session class compiled in memory, driven by name: the tests cannot name types that exist only in the
/// in-memory assembly.
/// </summary>
internal sealed class GeneratedSession
{
    private readonly Type type;

    public GeneratedSession(Assembly assembly, string typeName, ISession session)
    {
        type = assembly.GetType(typeName, throwOnError: true)!;
        Instance = type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [session])!;
    }

    public object Instance { get; }

    public object? Get(string property) => Property(property).GetValue(Instance);

    public void Set(string property, object? value) => Property(property).SetValue(Instance, value);

    public void Invoke(string method) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!.Invoke(Instance, null);

    private PropertyInfo Property(string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type} has no property {name}.");
}
