using System.Net;
using System.Net.Sockets;

namespace ResourceApi.Testing;

public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on (free a moment ago): connections to it are refused at once.</summary>
    public static int Unused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
