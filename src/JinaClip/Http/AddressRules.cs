using System.Net;
using System.Net.Sockets;

namespace JinaClip.Http;

/// <summary>
/// Which IP addresses a fetched URL may not reach by default: loopback, private, carrier-grade NAT, link-local (which
/// holds the cloud metadata endpoints 169.254.169.254 and fd00:ec2::254), unique-local, site-local, multicast,
/// reserved and unspecified — including IPv4 addresses carried inside IPv6 (mapped, NAT64 and 6to4).
/// </summary>
internal static class AddressRules
{
    /// <summary>Names what kind of non-public address <paramref name="address"/> is, or returns <see langword="null"/> for a public one.</summary>
    public static string? NonPublicKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return V4Kind(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "a non-IP address";
        }

        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "the unspecified address";
        }

        if (IsV4Mapped(b) || IsNat64(b))
        {
            return V4Kind(b.AsSpan(12, 4).ToArray());
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            // 6to4: the IPv4 address is in bytes 2–5.
            return V4Kind(b.AsSpan(2, 4).ToArray());
        }

        return b[0] switch
        {
            0xff => "a multicast address",
            0xfc or 0xfd => "a unique-local (private) address",
            0xfe when (b[1] & 0xc0) == 0x80 => "a link-local address",
            0xfe when (b[1] & 0xc0) == 0xc0 => "a site-local (private) address",
            0x00 when IsAllZero(b.AsSpan(0, 12)) => V4Kind(b.AsSpan(12, 4).ToArray()),
            _ => null,
        };
    }

    private static string? V4Kind(byte[] b) => (b[0], b[1]) switch
    {
        (0, _) => "an unspecified (0.0.0.0/8) address",
        (10, _) => "a private address",
        (100, >= 64 and < 128) => "a carrier-grade NAT (shared) address",
        (127, _) => "a loopback address",
        (169, 254) => "a link-local address (where cloud metadata services live)",
        (172, >= 16 and < 32) => "a private address",
        (192, 0) when b[2] == 0 => "an IETF-reserved address",
        (192, 168) => "a private address",
        (198, 18 or 19) => "a benchmarking address",
        ( >= 224 and < 240, _) => "a multicast address",
        ( >= 240, _) => "a reserved or broadcast address",
        _ => null,
    };

    private static bool IsV4Mapped(byte[] b) => IsAllZero(b.AsSpan(0, 10)) && b[10] == 0xff && b[11] == 0xff;

    private static bool IsNat64(byte[] b) =>
        b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && IsAllZero(b.AsSpan(4, 8));

    private static bool IsAllZero(ReadOnlySpan<byte> bytes)
    {
        foreach (var x in bytes)
        {
            if (x != 0)
            {
                return false;
            }
        }

        return true;
    }
}
