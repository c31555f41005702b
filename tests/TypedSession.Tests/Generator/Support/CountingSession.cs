using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace TypedSession.Tests.Generator.Support;

/// <summary>An in-memory <see cref="ISession"/> that counts reads, so tests can prove the generated cache.</summary>
internal sealed class CountingSession : ISession
{
    private readonly Dictionary<string, byte[]> values = new(StringComparer.Ordinal);

    public int TryGetValueCalls { get; private set; }

    public bool IsAvailable => true;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public IEnumerable<string> Keys => values.Keys;

    public void Clear() => values.Clear();

    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task LoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Remove(string key) => values.Remove(key);

    public void Set(string key, byte[] value) => values[key] = value;

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        TryGetValueCalls++;
        return values.TryGetValue(key, out value);
    }
}
