using System.Net;
using System.Net.Sockets;

namespace JinaClip.Http;

/// <summary>
/// Keeps fetched URLs off non-public addresses (see <see cref="AddressRules"/>). <see cref="CheckAsync"/> resolves a
/// URL's host before each request, whatever client sends it; the clients this library builds also check the address
/// they actually connect to (on .NET), so a name that resolves differently the second time cannot slip through.
/// </summary>
internal static class AddressGuard
{
#if NET
    /// <summary>Set on a request to let its connection reach non-public addresses.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowNonPublic = new("JinaClip.AllowNonPublicAddresses");
#endif

    /// <summary>Throws <see cref="JinaUrlRefusedException"/> when <paramref name="url"/>'s host is or resolves to a non-public address.</summary>
    public static async Task CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
#if NET
                addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
#else
                addresses = await Dns.GetHostAddressesAsync(url.IdnHost).ConfigureAwait(false);
#endif
            }
            catch (SocketException)
            {
                // Unresolvable here: the client's own connect fails (or its handler knows better); nothing was reached.
                return;
            }
        }

        Refuse(url, addresses);
    }

    /// <summary>Throws <see cref="JinaUrlRefusedException"/> when any of <paramref name="addresses"/> is non-public.</summary>
    public static void Refuse(Uri url, IReadOnlyList<IPAddress> addresses)
    {
        foreach (var address in addresses)
        {
            if (AddressRules.NonPublicKind(address) is { } kind)
            {
                throw new JinaUrlRefusedException(url,
                    $"Refused to fetch {url}: its host '{url.Host}' is {address}, {kind}. Image URLs may reach public addresses only, " +
                    "unless ImageUrlFetchOptions.AllowNonPublicAddresses is set.");
            }
        }
    }

#if NET
    /// <summary>A <c>SocketsHttpHandler.ConnectCallback</c> that checks the addresses it connects to.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var uri = context.InitialRequestMessage.RequestUri!;
        if (!context.InitialRequestMessage.Options.TryGetValue(AllowNonPublic, out var allowed) || !allowed)
        {
            Refuse(uri, addresses);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
#endif
}
