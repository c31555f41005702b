using Microsoft.Net.Http.Headers;

namespace TypedSession.Tests.Engine.Support;

/// <summary>
/// An HTTP client that carries the session cookie between requests like a browser (sets it from Set-Cookie, drops it
/// when expired) and keeps the last response's Set-Cookie headers for assertions.
/// </summary>
public sealed class SessionClient(HttpClient http, string cookieName = ".AspNetCore.Session")
{
    public HttpClient Http { get; } = http;

    public string CookieName { get; } = cookieName;

    /// <summary>The session cookie's value the client sends, or null.</summary>
    public string? Cookie { get; set; }

    /// <summary>Every Set-Cookie header of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    /// <summary>The Set-Cookie headers of the last response for the session cookie.</summary>
    public IReadOnlyList<SetCookieHeaderValue> LastSessionCookies =>
        [.. SetCookieHeaderValue.ParseList([.. LastSetCookies]).Where(c => c.Name.Equals(CookieName, StringComparison.Ordinal))];

    public async Task<HttpResponseMessage> SendAsync(string path, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (Cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={Cookie}");
        }
        var response = await Http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
        foreach (var cookie in LastSessionCookies)
        {
            Cookie = cookie.Expires is { } expires && expires <= DateTimeOffset.UtcNow ? null : cookie.Value.ToString();
        }
        return response;
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await SendAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
