using System.Net;

namespace TypedSession.Tests.ScaleOut;

/// <summary>
/// An HTTP client that keeps cookies like a browser (redirects included), safe for parallel requests. Cookies are
/// per host, not per port, so after <see cref="SwitchTo"/> another instance of the app on the same loopback host
/// receives the same session cookie, as behind a load balancer.
/// </summary>
internal sealed class SessionClient : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public SessionClient(Uri address) => Http = Create(address);

    /// <summary>The client of the instance requests currently go to.</summary>
    public HttpClient Http { get; private set; }

    /// <summary>Sends later requests to another instance, with the same cookies.</summary>
    public void SwitchTo(Uri address)
    {
        Http.Dispose();
        Http = Create(address);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path) => Http.SendAsync(new HttpRequestMessage(method, path));

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task SetAsync(string key, string value)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/set/{key}/{value}");
        Assert.True(response.IsSuccessStatusCode, $"POST /set/{key}/{value}: {(int)response.StatusCode}");
    }

    public void Dispose() => Http.Dispose();

    private HttpClient Create(Uri address) =>
        new(new HttpClientHandler { CookieContainer = _cookies, UseCookies = true }) { BaseAddress = address };
}
