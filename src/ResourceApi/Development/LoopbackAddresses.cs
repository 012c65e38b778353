using System.Net;

namespace ResourceApi.Development;

/// <summary>Whether a listening address (a <c>urls</c> entry or a bound address) is reachable only from this machine.</summary>
internal static class LoopbackAddresses
{
    public static bool IsLoopback(string address)
    {
        if (address.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || address.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var host = BindingAddress.Parse(address).Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // "+", "*", 0.0.0.0, [::] and host names all mean "reachable from elsewhere".
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
