using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// The per-shape choice between one thread and the pool: fed made-up durations, it measures both routes, keeps the
/// faster, and tries the other again later; and whatever it picks, a product's bits are those of the serial route.
/// </summary>
[TestFixture]
public sealed class GemmThreadModelTests
{
    private static readonly GemmShape Shape = new(128, 128, 256, false, false, 4, 2);

    /// <summary>Runs one decided call that takes <paramref name="serial"/> or <paramref name="parallel"/> ticks; returns the route taken.</summary>
    private static bool Call(GemmThreadModel model, long serial, long parallel)
    {
        bool split = model.Decide(Shape, fallback: false, out int token);
        model.Record(token, split, split ? parallel : serial);
        return split;
    }

    [TestCase(100, 60, true), TestCase(60, 100, false)]
    public void Both_routes_are_measured_then_the_faster_is_kept(long serial, long parallel, bool expectParallel)
    {
        var model = new GemmThreadModel();
        var routes = Enumerable.Range(0, 2 * GemmThreadModel.TrialsPerRoute).Select(_ => Call(model, serial, parallel)).ToList();
        Assert.That(routes.Count(r => r), Is.EqualTo(GemmThreadModel.TrialsPerRoute), "trials alternate between the routes");
        Assert.That(model.Settled(Shape), Is.EqualTo(expectParallel));
        var after = Enumerable.Range(0, GemmThreadModel.FirstRecheck - 1).Select(_ => Call(model, serial, parallel));
        Assert.That(after, Is.All.EqualTo(expectParallel), "no recheck before FirstRecheck calls");
    }

    [Test]
    public void The_best_trial_decides_so_one_slow_call_does_not()
    {
        var model = new GemmThreadModel();
        // Parallel is faster, but its first trial is hit by a busy core (10× slower).
        long[] parallelTimes = [1000, 60, 60];
        int p = 0;
        for (int i = 0; i < 2 * GemmThreadModel.TrialsPerRoute; i++)
        {
            bool split = model.Decide(Shape, false, out int token);
            model.Record(token, split, split ? parallelTimes[p++] : 100);
        }
        Assert.That(model.Settled(Shape), Is.True);
    }

    [Test]
    public void A_losing_route_that_becomes_faster_takes_over_at_its_recheck()
    {
        var model = new GemmThreadModel();
        for (int i = 0; i < 2 * GemmThreadModel.TrialsPerRoute; i++) Call(model, serial: 100, parallel: 60);
        Assert.That(model.Settled(Shape), Is.True);
        // The other core gets busy: parallel calls now take 150, serial still 100.
        int calls = 0;
        while (model.Settled(Shape) == true && calls < 1000)
        {
            Call(model, serial: 100, parallel: 150);
            calls++;
        }
        Assert.That(model.Settled(Shape), Is.False);
        // The winner's recorded time drifts up by 1/32 a call towards the slower calls (60 → 100 takes 17 calls), so
        // the first recheck may still lose; the second (after twice the interval) wins.
        Assert.That(calls, Is.LessThanOrEqualTo(3 * GemmThreadModel.FirstRecheck));
    }

    [Test]
    public void Rechecks_that_lose_come_less_and_less_often()
    {
        var model = new GemmThreadModel();
        for (int i = 0; i < 2 * GemmThreadModel.TrialsPerRoute; i++) Call(model, serial: 100, parallel: 60);
        var serialCalls = new List<int>();
        for (int i = 0; i < 200; i++)
            if (!Call(model, serial: 100, parallel: 60)) serialCalls.Add(i);
        Assert.That(serialCalls, Has.Count.GreaterThanOrEqualTo(3));
        var gaps = serialCalls.Zip(serialCalls.Skip(1), (x, y) => y - x).ToList();
        Assert.That(serialCalls[0] + 1, Is.EqualTo(GemmThreadModel.FirstRecheck));
        for (int i = 1; i < gaps.Count; i++) Assert.That(gaps[i], Is.EqualTo(2 * gaps[i - 1]), $"gap {i}");
    }

    [Test]
    public void Shapes_beyond_the_table_follow_the_fallback_and_record_nothing()
    {
        var model = new GemmThreadModel();
        int tracked = 0;
        for (int m = 1; m <= 200; m++)
        {
            bool split = model.Decide(Shape with { M = m }, fallback: true, out int token);
            if (token >= 0) tracked++;
            else Assert.That(split, Is.True, "untracked shapes take the fallback");
            model.Record(token, split, 10);
        }
        Assert.That(tracked, Is.GreaterThan(0).And.LessThan(200));
    }

    [Test]
    public void Products_routed_by_the_model_have_the_serial_routes_bits()
    {
        // Layer-sized shapes (M's second layer and output layer) through the model while it measures, settles and
        // rechecks; every call must give exactly the serial result, so the choice can never change a training run.
        GemmThreadModel.Shared.Clear();
        var rng = new Random(3);
        Matrix<float> Random(int r, int c) => Matrix<float>.Build.Dense(r, c, (_, _) => (float)(rng.NextDouble() - 0.5));
        var x = Random(128, 256);
        var w = Random(256, 128);
        var dz = Random(128, 128);
        var expected = new[] { Matrix<float>.Build.Dense(128, 128), Matrix<float>.Build.Dense(256, 128), Matrix<float>.Build.Dense(128, 256) };
        using (new GemmSettings(path: GemmPath.Packed))
        {
            Gemm.Multiply(x, w, expected[0]);
            Gemm.TransposeThisAndMultiply(x, dz, expected[1]);
            Gemm.TransposeAndMultiply(dz, w, expected[2]);
        }
        var actual = new[] { Matrix<float>.Build.Dense(128, 128), Matrix<float>.Build.Dense(256, 128), Matrix<float>.Build.Dense(128, 256) };
        for (int call = 0; call < 40; call++)
        {
            Gemm.Multiply(x, w, actual[0]);
            Gemm.TransposeThisAndMultiply(x, dz, actual[1]);
            Gemm.TransposeAndMultiply(dz, w, actual[2]);
            for (int i = 0; i < 3; i++)
                Assert.That(actual[i].AsColumnMajorArray(), Is.EqualTo(expected[i].AsColumnMajorArray()), $"call {call}, product {i}");
        }
    }
}
