using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using InterviewBot.EndToEnd.Tests.Infrastructure;

namespace InterviewBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// InterviewBot as a process of its own (<c>dotnet InterviewBot.dll</c>, configured through environment variables as
/// a deployment configures it), for what needs a real process: being killed.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _exited;
    private HttpClient? _client;

    private BotProcess(ProcessStartInfo startInfo)
    {
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        try
        {
            _process.Start();
        }
        catch (Win32Exception ex)
        {
            _process.Dispose();
            throw new InvalidOperationException($"Could not run `{startInfo.FileName}`, which runs the bot as a process of its own.", ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _exited = _process.WaitForExitAsync(CancellationToken.None);
    }

    public Uri Address { get; private set; } = null!;

    public HttpClient Http => _client ??= new HttpClient { BaseAddress = Address, Timeout = Waits.Default };

    /// <summary>Everything the process logged so far, for failure messages.</summary>
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

    /// <summary>Starts the app built next to the tests on a free loopback port and returns once it listens.</summary>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string environmentName = "Development")
    {
        var app = Path.Combine(AppContext.BaseDirectory, "InterviewBot.dll");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(app);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        startInfo.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var bot = new BotProcess(startInfo);
        try
        {
            var first = await Task.WhenAny(bot._listening.Task, bot._exited).WaitAsync(StartTimeout);
            if (first != bot._listening.Task)
            {
                throw new InvalidOperationException($"InterviewBot exited before it listened. Its output:{Environment.NewLine}{bot.Output}");
            }

            bot.Address = await bot._listening.Task;
            return bot;
        }
        catch (TimeoutException ex)
        {
            await bot.DisposeAsync();
            throw new InvalidOperationException($"InterviewBot did not listen within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{bot.Output}", ex);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the process outright, as a crash or an evicted container would end it, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _exited;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    // The test host itself runs on the dotnet muxer; using the same one keeps the app on the same runtime.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var at = line.IndexOf(ListeningPrefix, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + ListeningPrefix.Length)..].Trim().TrimEnd('/') + "/", UriKind.Absolute, out var address))
        {
            _listening.TrySetResult(address);
        }
    }
}
