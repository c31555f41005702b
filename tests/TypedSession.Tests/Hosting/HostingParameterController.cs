using Microsoft.AspNetCore.Mvc;

namespace TypedSession.Tests.Hosting;

/// <summary>Receives the session as an action parameter, in one action only.</summary>
public sealed class HostingParameterController : Controller
{
    /// <summary>Adds one item and answers the new count.</summary>
    [HttpGet("hosting/mvc/parameter")]
    public string AddItem(CartSession cart) => $"count: {++cart.ItemCount}";

    /// <summary>Never touches the session.</summary>
    [HttpGet("hosting/mvc/untouched")]
    public string Untouched() => "untouched";
}
