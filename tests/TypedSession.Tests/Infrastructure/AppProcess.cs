using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// A built ASP.NET Core app running as its own process on a free loopback port: for tests that need a real
/// process (packaging, several instances behind one store, restarts).
/// </summary>
internal sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process) => this.process = process;

    /// <summary>The address Kestrel reported it listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output { get { lock (output) { return output.ToString(); } } }

    /// <summary>Starts <c>dotnet <paramref name="assemblyPath"/></c> on port 0 and waits until it listens.</summary>
    public static async Task<AppProcess> StartAsync(string assemblyPath, string extraArguments = "",
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? startTimeout = null)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{assemblyPath}\" --urls http://127.0.0.1:0 {extraArguments}")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(new Process { StartInfo = start });
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (app.output)
            {
                app.output.AppendLine(line);
            }

            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
        app.process.OutputDataReceived += (_, e) => OnLine(e.Data);
        app.process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        app.process.EnableRaisingEvents = true;
        app.process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"The app exited before listening:\n{app.Output}"));
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();

        try
        {
            app.BaseAddress = await listening.Task.WaitAsync(startTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Stops the process at once, like a crash or a killed container.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
