using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TypedSession.Tests.ScaleOut;

/// <summary>
/// The sample app as a real process of its own (<c>dotnet TypedSession.Sample.dll</c>) on a free loopback port,
/// started with the sample's own command-line options, as an operator would run one instance.
/// </summary>
/// <remarks>
/// Each process gets a user profile of its own (<c>HOME</c>), as a fresh container or another machine would: Data
/// Protection's default key ring lives there, so a session cookie survives a restart, or reaches another instance,
/// only through the key ring the store keeps beside the sessions. Not an in-process <see cref="EngineHost"/>: instances
/// of one process would share its profile, static state and key ring, which is exactly what these tests must exclude.
/// </remarks>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, DirectoryInfo profile, Uri address)
    {
        _process = process;
        _profile = profile;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the sample with <paramref name="arguments"/> (for example <c>--store redis --redis 127.0.0.1:6380</c>) and waits until it answers.</summary>
    public static async Task<SampleProcess> StartAsync(params string[] arguments)
    {
        var project = Path.Combine(RepositoryRoot.Path, "samples", "TypedSession.Sample");
        var assembly = Path.Combine(project, "bin", RepositoryRoot.Configuration, "net10.0", "TypedSession.Sample.dll");
        Assert.True(File.Exists(assembly), $"The sample is not built at {assembly}.");

        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments.Concat(["--urls", address.ToString()]))
        {
            start.ArgumentList.Add(argument);
        }

        // Development: the sample's session cookie is then not Secure-only, so it travels over plain loopback HTTP.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var profile = Directory.CreateTempSubdirectory("typedsession-profile-");
        start.Environment["HOME"] = profile.FullName;
        start.Environment.Remove("LOCALAPPDATA");
        start.Environment.Remove("USERPROFILE");

        var process = Process.Start(start)!;
        var sample = new SampleProcess(process, profile, address);
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Generous: the first request compiles the pages, and the whole suite may share two busy cores.
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await probe.GetAsync("/");
                if (response.IsSuccessStatusCode)
                {
                    return sample;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting.
            }

            await Task.Delay(100);
        }

        await sample.DisposeAsync();
        throw new InvalidOperationException($"The sample did not answer on {address}:\n{sample.Output}");
    }

    /// <summary>Ends the process at once, as a crash or a killed container would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left behind, harmlessly.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
