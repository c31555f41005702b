using Microsoft.AspNetCore.Http;
using TypedSession.Generated;

namespace TypedSession.Tests.Hosting;

/// <summary>A second hand-written session class, for registering several classes in one app.</summary>
public sealed class WishlistSession : TypedSessionBase, ITypedSession<WishlistSession>
{
    private WishlistSession(ISession session) : base(session) { }

    /// <summary>Creates the view over <paramref name="session"/>.</summary>
    public static WishlistSession Create(ISession session) => new(session);

    /// <summary>Stored under the key <c>Wish</c> as a stock string.</summary>
    public string? Wish
    {
        get => SessionValues.Read<StringCodec, string>(RawSession, nameof(Wish));
        set => SessionValues.Write<StringCodec, string>(RawSession, nameof(Wish), value!);
    }

    /// <inheritdoc />
    protected override void ResetCachedValues() { }
}
