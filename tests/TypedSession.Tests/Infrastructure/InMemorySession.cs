using Microsoft.AspNetCore.Http;

namespace TypedSession.Tests.Infrastructure;

/// <summary>An <see cref="ISession"/> over a dictionary, for tests of code that only needs the interface.</summary>
public class InMemorySession : ISession
{
    private readonly Dictionary<string, byte[]> values = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <inheritdoc />
    public string Id { get; } = Guid.NewGuid().ToString();

    /// <inheritdoc />
    public IEnumerable<string> Keys => values.Keys;

    /// <inheritdoc />
    public void Clear() => values.Clear();

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task LoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public void Remove(string key) => values.Remove(key);

    /// <inheritdoc />
    public void Set(string key, byte[] value) => values[key] = value;

    /// <inheritdoc />
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? value) => values.TryGetValue(key, out value);
}
