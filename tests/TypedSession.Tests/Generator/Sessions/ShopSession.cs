namespace TypedSession.Tests.Generator.Sessions;

/// <summary>A session class of this project, compiled by the real build with the generator and System.Text.Json's.</summary>
[Session(KeyPrefix = "shop:", JsonContext = typeof(ShopJsonContext))]
public sealed partial class ShopSession
{
    public partial List<CartLine>? Lines { get; set; }

    public partial CartLine? LastAdded { get; set; }

    public partial Dictionary<string, int>? Counts { get; set; }

    public partial ShippingAddress Address { get; set; }

    public partial int Visits { get; set; }
}
