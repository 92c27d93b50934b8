using NeuralNet.Core;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Training.Optimizers;

namespace NeuralNet.Tests.Training.Optimizers;

/// <summary>
/// Long parameters are updated in ranges on the kernel pool; the split must not change a single bit, whatever the
/// optimizer, and whether or not the length is a multiple of the range alignment or of the vector width.
/// </summary>
[TestFixture]
public sealed class ParallelUpdateTests
{
    private int _parallelLength;

    [SetUp]
    public void SaveSetting() => _parallelLength = ParallelRanges.ParallelLength;

    [TearDown]
    public void RestoreSetting() => ParallelRanges.ParallelLength = _parallelLength;

    [TestCase("sgd"), TestCase("momentum"), TestCase("nesterov"), TestCase("adam"), TestCase("adamw")]
    public void Split_update_gives_the_same_bits_as_one_pass(string name)
    {
        float[][] serial = Train(name, parallelLength: int.MaxValue);
        float[][] split = Train(name, parallelLength: 1);
        for (int i = 0; i < serial.Length; i++)
            Assert.That(split[i], Is.EqualTo(serial[i]), $"parameter {i}");
    }

    [Test]
    public void Ranges_cover_every_element_once_on_cache_line_boundaries()
    {
        ParallelRanges.ParallelLength = 1;
        foreach (int length in new[] { 1, 63, 64, 65, 1000, 4097, 100_003 })
        {
            var body = new CountingBody(length);
            ParallelRanges.Run(body, length);
            Assert.That(body.Visits, Is.All.EqualTo(1), $"length {length}");
            Assert.That(body.Starts.Where(s => s != 0), Is.All.Matches<int>(s => s % 64 == 0), $"length {length}");
        }
    }

    [Test]
    public void Column_tile_ranges_cover_every_element_once_on_whole_tiles()
    {
        ParallelRanges.ParallelLength = 1;
        int tile = GemmEngine.Tile<float>().NR;
        foreach (var (rows, columns) in new[] { (784, 256), (64, 50), (16, 2 * tile), (784, 37), (67, 40), (64, 5) })
        {
            var body = new CountingBody(rows * columns);
            ParallelRanges.RunInColumnTiles<float>(body, rows, columns);
            Assert.That(body.Visits, Is.All.EqualTo(1), $"{rows}×{columns}");
            int unit = tile * rows % 64 == 0 && columns >= 2 * tile ? tile * rows : 64; // whole tiles, else 64-element runs
            Assert.That(body.Starts.Where(s => s != 0), Is.All.Matches<int>(s => s % unit == 0), $"{rows}×{columns}");
        }
    }

    [Test]
    public void One_job_over_several_matrices_cuts_each_as_a_pass_of_its_own()
    {
        ParallelRanges.ParallelLength = 1;
        (int Rows, int Columns)[] shapes = [(784, 256), (67, 40), (256, 128), (64, 5), (16, 2 * GemmEngine.Tile<float>().NR)];
        var cuts = shapes.Select(s => ParallelRanges.ColumnTiles<float>(s.Rows, s.Columns)).ToArray();
        var job = new SegmentBody(shapes.Select(s => s.Rows * s.Columns).ToArray());
        SegmentedRanges.Run(job, cuts, shapes.Length);
        for (int s = 0; s < shapes.Length; s++)
        {
            var alone = new CountingBody(shapes[s].Rows * shapes[s].Columns);
            ParallelRanges.RunInColumnTiles<float>(alone, shapes[s].Rows, shapes[s].Columns);
            Assert.That(job.Bodies[s].Visits, Is.All.EqualTo(1), $"{shapes[s]}: every element once");
            Assert.That(job.Bodies[s].Starts.Order(), Is.EqualTo(alone.Starts.Order()), $"{shapes[s]}: the ranges of a pass of its own");
        }
    }

    /// <summary>Three steps on parameters of awkward lengths, with weight decay, from fixed values and gradients.</summary>
    private static float[][] Train(string name, int parallelLength)
    {
        ParallelRanges.ParallelLength = parallelLength;
        var rng = new Rng(5);
        // (784, 37) and (64, 50) are split by the GEMM's column tiles (a tile is whole 64-element runs), the last one partial.
        (int Rows, int Columns)[] shapes = [(1, 1), (67, 3), (129, 65), (1000, 1), (784, 37), (64, 50)];
        var parameters = shapes
            .Select((s, i) => new Parameter<float>($"p{i}", s.Rows, s.Columns, applyWeightDecay: i % 2 == 0)).ToArray();
        foreach (var p in parameters)
            for (int j = 0; j < p.Length; j++) p.Value[j] = (float)rng.NextUniform(-1, 1);
        Optimizer<float> optimizer = name switch
        {
            "sgd" => new Sgd<float>(parameters, 0.1, weightDecay: 0.01),
            "momentum" => new Sgd<float>(parameters, 0.1, momentum: 0.9, weightDecay: 0.01),
            "nesterov" => new Sgd<float>(parameters, 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
            "adam" => new Adam<float>(parameters, 0.01, weightDecay: 0.01),
            _ => new Adam<float>(parameters, 0.01, weightDecay: 0.01, decoupled: true),
        };
        for (int step = 0; step < 3; step++)
        {
            foreach (var p in parameters)
                for (int j = 0; j < p.Length; j++) p.Gradient[j] = (float)rng.NextUniform(-1, 1);
            optimizer.Step();
            optimizer.ZeroGrad();
        }
        return parameters.Select(p => p.Value).ToArray();
    }

    private sealed class SegmentBody(int[] lengths) : ISegmentedBody
    {
        public readonly CountingBody[] Bodies = lengths.Select(length => new CountingBody(length)).ToArray();

        public void Run(int segment, int start, int end) => Bodies[segment].Run(start, end);
    }

    private sealed class CountingBody(int length) : IRangeBody
    {
        public readonly int[] Visits = new int[length];
        public readonly System.Collections.Concurrent.ConcurrentBag<int> Starts = [];

        public void Run(int start, int end)
        {
            Starts.Add(start);
            for (int i = start; i < end; i++) Interlocked.Increment(ref Visits[i]);
        }
    }
}
