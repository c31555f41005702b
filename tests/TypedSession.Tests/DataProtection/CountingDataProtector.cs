using Microsoft.AspNetCore.DataProtection;

namespace TypedSession.Tests.DataProtection;

/// <summary>A real data protector that counts the calls that reach it, to tell a cache hit from real work.</summary>
public sealed class CountingDataProtector(IDataProtector inner) : IDataProtector
{
    private int _protects;
    private int _unprotects;

    /// <summary>How many times <see cref="Protect"/> was called.</summary>
    public int Protects => Volatile.Read(ref _protects);

    /// <summary>How many times <see cref="Unprotect"/> was called, failed calls included.</summary>
    public int Unprotects => Volatile.Read(ref _unprotects);

    /// <inheritdoc />
    public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext)
    {
        Interlocked.Increment(ref _protects);
        return inner.Protect(plaintext);
    }

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData)
    {
        Interlocked.Increment(ref _unprotects);
        return inner.Unprotect(protectedData);
    }
}
