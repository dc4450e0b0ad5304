using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ArScale.Messaging;

/// <summary>A name-based (RFC 9562 version 5) UUID: the same event id always gives the same MessageId.</summary>
public static class DeterministicGuid
{
    // Event ids are short, but nothing bounds the name here: a larger one goes to a pooled array, never the stack.
    private const int StackLimit = 512;

    private static readonly Guid Namespace = new("5a1f3c2e-8d4b-4f61-9c7e-2b0a6d9e4f13");

    public static Guid From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var size = 16 + Encoding.UTF8.GetByteCount(name);
        byte[]? rented = null;
        var input = size <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            Namespace.TryWriteBytes(input, bigEndian: true, out _);
            var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
            Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 ids; no security rests on it.
            SHA1.HashData(input[..length], hash);
#pragma warning restore CA5350
            hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new Guid(hash[..16], bigEndian: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
