using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>The hand-out of a parallel job's pieces: each piece exactly once, a thread's own range first and in order.</summary>
[TestFixture]
public sealed class AffinityClaimsTests
{
    [Test]
    public void One_thread_claims_its_own_range_in_order_then_the_others_from_the_back()
    {
        var claims = new AffinityClaims();
        claims.Reset(count: 10, parts: Math.Min(2, KernelWorkers.Parallelism));
        var order = new List<int>();
        while (claims.TryClaim(0, 2, out int start, out int end))
            for (int i = start; i < end; i++) order.Add(i);
        Assert.That(order, Is.EquivalentTo(Enumerable.Range(0, 10)), "every piece once");
        if (KernelWorkers.Parallelism >= 2)
            Assert.That(order, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 8, 9, 6, 7, 5 }), "own range 0–4 front to back, then 5–9 from the back");
    }

    [Test]
    public void Help_with_another_range_goes_by_the_smaller_steal_size()
    {
        if (KernelWorkers.Parallelism < 2) Assert.Ignore("needs a second thread");
        var claims = new AffinityClaims();
        claims.Reset(count: 10, parts: 2);
        var claimed = new List<(int, int)>();
        while (claims.TryClaim(0, 4, out int start, out int end, stealSize: 1)) claimed.Add((start, end));
        Assert.That(claimed, Is.EqualTo(new[] { (0, 4), (4, 5), (9, 10), (8, 9), (7, 8), (6, 7), (5, 6) }));
    }

    [Test]
    public void Threads_claiming_at_once_get_every_piece_exactly_once()
    {
        int parts = Math.Max(1, Math.Min(4, KernelWorkers.Parallelism));
        var claims = new AffinityClaims();
        for (int round = 0; round < 50; round++)
        {
            const int count = 997;
            var seen = new int[count];
            claims.Reset(count, parts);
            var threads = Enumerable.Range(0, parts).Select(p => new Thread(() =>
            {
                while (claims.TryClaim(p, 3, out int start, out int end))
                    for (int i = start; i < end; i++) Interlocked.Increment(ref seen[i]);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.That(seen, Is.All.EqualTo(1), $"round {round}");
        }
    }
}
