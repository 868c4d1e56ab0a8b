using Azure.Data.Tables;

namespace InterviewBot.Testing;

/// <summary>
/// A real Azurite table service (the official Azure Storage emulator) on a free loopback port, run from the
/// repository's node_modules and killed on dispose. Use it as an xUnit fixture, or call <see cref="StartAsync"/>.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's published key; it protects nothing.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ReadyMessage = "Azurite Table service successfully started";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Every start attempt, the last one being the server once it is ready; earlier ones are kept for their output.
    private IReadOnlyList<NodeProcess> _attempts = [];
    private NodeProcess? _process;

    public int Port { get; private set; }

    /// <summary>A connection string for the development account on this server.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    /// <summary>Everything Azurite printed so far, for failure messages.</summary>
    public string Output => string.Concat(_attempts.Select(a => a.Output));

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();

    /// <summary>Starts Azurite and returns once it accepts requests.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>), or failed to start.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        var main = NodeProcess.InstalledScript("Azurite", Path.Combine("node_modules", "azurite", "dist", "src", "table", "main.js"));

        // A port picked free can be taken before Azurite binds it; only that failure is worth another port.
        for (var attempt = 1; ; attempt++)
        {
            var process = await TryStartAsync(main, LoopbackPort.Free(), cancellationToken).ConfigureAwait(false);
            if (process is not null)
            {
                _process = process;
                return;
            }

            if (attempt == StartAttempts || !Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite exited before it was ready. Its output:{Environment.NewLine}{Output}");
            }
        }
    }

    /// <summary>Kills Azurite and everything it started.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every table whose name starts with <paramref name="prefix"/>, which is how a test cleans up after itself.</summary>
    public async Task DeleteTablesAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var service = new TableServiceClient(ConnectionString);
        var ours = await service.QueryAsync(filter: (string?)null, cancellationToken: cancellationToken)
            .Where(t => t.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var table in ours)
        {
            await service.DeleteTableAsync(table.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<NodeProcess?> TryStartAsync(string main, int port, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            main,
            "--tableHost", "127.0.0.1",
            "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--disableProductStyleUrl",
            "--loose",
            "--disableTelemetry",
            "--silent",
        ];
        var process = NodeProcess.Start(
            "Azurite",
            arguments,
            line => line.Contains(ReadyMessage, StringComparison.Ordinal),
            Path.GetTempPath());
        _attempts = [.. _attempts, process];
        try
        {
            if (await process.WaitForReadyLineAsync(StartTimeout, cancellationToken).ConfigureAwait(false) is not null)
            {
                Port = port;
                return process;
            }

            await process.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await process.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new InvalidOperationException($"Azurite did not report ready within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}", ex);
        }
    }
}
