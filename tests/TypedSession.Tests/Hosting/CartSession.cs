using Microsoft.AspNetCore.Http;
using TypedSession.Generated;

namespace TypedSession.Tests.Hosting;

/// <summary>
/// A session class written by hand in the shape the generator emits, so that the hosting tests prove the hosting layer
/// alone, whatever the generator does.
/// </summary>
public sealed class CartSession : TypedSessionBase, ITypedSession<CartSession>
{
    private int itemCount;
    private bool itemCountLoaded;

    private CartSession(ISession session) : base(session) { }

    /// <summary>Creates the view over <paramref name="session"/>.</summary>
    public static CartSession Create(ISession session) => new(session);

    /// <summary>Minimal-API binding, as generated.</summary>
    public static ValueTask<CartSession?> BindAsync(HttpContext context) => SessionBinding.BindAsync<CartSession>(context);

    /// <summary>Stored under the key <c>ItemCount</c> as a stock Int32.</summary>
    public int ItemCount
    {
        get
        {
            if (!itemCountLoaded)
            {
                itemCount = SessionValues.Read<Int32Codec, int>(RawSession, nameof(ItemCount));
                itemCountLoaded = true;
            }
            return itemCount;
        }
        set
        {
            SessionValues.Write<Int32Codec, int>(RawSession, nameof(ItemCount), value);
            itemCount = value;
            itemCountLoaded = true;
        }
    }

    /// <inheritdoc />
    protected override void ResetCachedValues() => itemCountLoaded = false;
}
