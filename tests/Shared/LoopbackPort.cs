using System.Net;
using System.Net.Sockets;

namespace InterviewBot.Testing;

/// <summary>Ports for servers the tests start, so that runs in parallel and a developer's own servers never collide.</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port free right now; another process may still take it before the server binds it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
