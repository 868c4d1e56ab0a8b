using System.Net.WebSockets;
using System.Text.Json;
using InterviewBot.EndToEnd.Tests.Infrastructure;

namespace InterviewBot.EndToEnd.Tests.Playground;

/// <summary>
/// One of the WebSockets through which the Playground feeds its browser client: hands every whole message it sends
/// to a callback until the socket is disposed or the Playground closes it.
/// </summary>
public sealed class PlaygroundSocket : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<JsonElement> _onMessage;
    private Task _receiving = Task.CompletedTask;

    private PlaygroundSocket(Action<JsonElement> onMessage) => _onMessage = onMessage;

    /// <summary>Connects to the WebSocket at <paramref name="path"/> of the Playground at <paramref name="address"/>.</summary>
    /// <param name="onMessage">
    /// Called with each message, one at a time, in the order they arrive. The element lives only for the call: clone
    /// what is kept. What it throws stops the socket and is thrown again on dispose.
    /// </param>
    public static async Task<PlaygroundSocket> ConnectAsync(Uri address, string path, Action<JsonElement> onMessage)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        var socket = new PlaygroundSocket(onMessage);
        try
        {
            var uri = new UriBuilder(address) { Scheme = "ws", Path = path }.Uri;
            await socket._socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Waits.Default);
            socket._receiving = socket.ReceiveAsync();
            return socket;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing first lets the Playground answer the close, which ends the receive loop on its own; cancelling the
        // receive aborts the socket, so it comes second and only stops a loop the Playground left waiting.
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test over", CancellationToken.None).WaitAsync(CloseTimeout);
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException)
            {
                // The Playground is gone or being killed anyway.
            }
        }

        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Stopped on purpose, or the Playground is gone.
        }
        finally
        {
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var received = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            using (var document = JsonDocument.Parse(message.ToArray()))
            {
                _onMessage(document.RootElement);
            }

            message.SetLength(0);
        }
    }
}
