using System.Net;

namespace TypedSession.Tests.ScaleOut;

/// <summary>An HTTP client that remembers the cookies it receives and sends them back, safe for parallel requests.</summary>
internal sealed class SessionClient(HttpClient client) : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public HttpClient Http => client;

    /// <summary>
    /// Sends later requests to <paramref name="address"/>, another instance of the app on the same host: cookies are
    /// per host, not per port, so the session cookie goes along, as a browser's would behind a load balancer.
    /// </summary>
    public void SwitchTo(Uri address)
    {
        client.Dispose();
        client = new HttpClient { BaseAddress = address };
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        var header = _cookies.GetCookieHeader(client.BaseAddress!);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                _cookies.SetCookies(client.BaseAddress!, setCookie);
            }
        }

        return response;
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task SetAsync(string key, string value)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/set/{key}/{value}");
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => client.Dispose();
}
