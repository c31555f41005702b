using System.Security.Cryptography;
using System.Text;

namespace TypedSession.Tests.Engine.Parts;

/// <summary>
/// <see cref="SessionIds"/>' derivations equal SHA-256 computed the plain way: stored sessions stay under the same keys
/// whatever way the engine computes them (a reused per-thread context), and no input leaks into the next one's hash.
/// </summary>
public sealed class SessionIdsTests
{
    [Fact]
    public async Task Storage_keys_ids_and_log_hashes_equal_plain_SHA256_for_random_keys_on_many_threads()
    {
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 500; i++)
            {
                // Cookie keys, and longer and non-ASCII values that take the heap buffer and multi-byte paths.
                var key = (i % 3) switch
                {
                    0 => SessionIds.NewStoreKey(),
                    1 => new string((char)random.Next('a', 'z' + 1), random.Next(0, 300)),
                    _ => "clé-" + new string('é', random.Next(0, 200)),
                };

                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), SessionIds.StorageKeyOf(key));
                var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("TypedSession.Id\n" + key)).AsSpan(0, 16)).ToString();
                Assert.Equal(id, SessionIds.IdOf(key));
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 6)), SessionIds.LogHashOf(id));
            }
        })).ToArray();

        await Task.WhenAll(workers);
    }
}
