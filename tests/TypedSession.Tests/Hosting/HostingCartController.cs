using Microsoft.AspNetCore.Mvc;

namespace TypedSession.Tests.Hosting;

/// <summary>Receives the session by constructor injection: every action of this controller depends on it.</summary>
[Route("hosting/mvc/constructor")]
public sealed class HostingCartController(CartSession cart) : Controller
{
    /// <summary>Adds one item and answers the new count.</summary>
    [HttpGet]
    public string AddItem() => $"count: {++cart.ItemCount}";
}
