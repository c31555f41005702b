using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TypedSession.Tests.Infrastructure;

/// <summary>Runs a command to completion and captures what it printed (stdout and stderr), for tests that drive the dotnet CLI or Redis's tools.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result EnsureSuccess(string what) =>
            ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{Output}");
    }

    public static Task<Result> RunAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(new ProcessStartInfo(fileName, arguments) { WorkingDirectory = workingDirectory }, $"{fileName} {arguments}", timeout, environment);

    /// <summary>Runs <paramref name="fileName"/> with each of <paramref name="arguments"/> passed as one argument, unquoted.</summary>
    public static Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return RunAsync(start, $"{fileName} {string.Join(' ', start.ArgumentList)}", timeout, environment: null);
    }

    private static async Task<Result> RunAsync(ProcessStartInfo start, string commandLine, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // Keep a nested build from attaching to the test run's MSBuild nodes and compiler server state.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"'{start.FileName}' could not be started ({exception.Message}); the test dependencies are installed by 'bash eng/install-test-dependencies.sh'.", exception);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}
