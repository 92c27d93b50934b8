using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Initializers;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Diagnostics;

/// <summary>
/// Born dead (Lu, Shin, Su &amp; Karniadakis 2020, "Dying ReLU and Initialization"): a deep, narrow ReLU network with
/// He-normal weights and zero biases often has a whole hidden layer dead before any training, so its output is constant;
/// the probability rises with depth and falls with width.
/// </summary>
public class BornDeadTests
{
    private const int Seeds = 200;
    private int _savedParallelism;

    // 200 forward passes of tiny matrices: MathNet's thread-pool parallelism (used from 64 rows or columns on) costs far more
    // than it saves here, and on a busy machine it turns a fraction of a second into several. Run them inline.
    [OneTimeSetUp]
    public void RunMathNetInline()
    {
        _savedParallelism = MathNet.Numerics.Control.MaxDegreeOfParallelism;
        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;
    }

    [OneTimeTearDown]
    public void RestoreParallelism() => MathNet.Numerics.Control.MaxDegreeOfParallelism = _savedParallelism;

    /// <summary>Seeds (of 200) whose freshly initialized network has some hidden layer entirely dead on 48 rows uniform in [−1, 1]².</summary>
    private static int BornDeadSeeds(int width, int depth)
    {
        var x = GradientCheck.Uniform(new Rng(2020), 48, 2);
        var spec = new MlpSpec(2, Enumerable.Repeat(width, depth).ToArray(), 1, ActivationSpec.Relu, Initializer: "he-normal");
        var net = Mlp<double>.Create(spec, new Rng(0));
        var meter = new ActivityMeter<double>(net, x.RowCount);
        int bornDead = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            // A fresh He-normal draw with zero biases for every seed, reusing one network's buffers (fast).
            var rng = new Rng(seed);
            foreach (var layer in net.Layers) layer.Initialize(ScaledInitializer.HeNormal, 0, rng);
            if (meter.Measure(x).Any(a => LayerDeadStats.From(a).WholeLayerDead)) bornDead++;
        }
        return bornDead;
    }

    [Test]
    public void Width2Depth10_IsBornDeadForALargeShareOfSeeds()
    {
        // A lower bound. Hidden layers 2…10 receive ReLU outputs, which are ≥ 0, and have zero bias; if both weights of both
        // units are negative (probability (1/2)⁴ = 1/16, the weights being symmetric and independent) then z ≤ 0 on every
        // row and the layer is dead whatever came before. These 9 events involve disjoint weights, so
        // P(born dead) ≥ 1 − (15/16)⁹ ≈ 0.44. Over 200 seeds that is ≥ 88 expected, standard deviation ≈ √(200·0.44·0.56) ≈ 7:
        // the 30% threshold (60 seeds) sits 4 standard deviations below even the lower bound (other dead patterns add more).
        // (With this data the count is 177 of 200.)
        Assert.That(BornDeadSeeds(width: 2, depth: 10), Is.GreaterThan(0.30 * Seeds));
    }

    [Test]
    public void Width64Depth2_IsAlmostNeverBornDead()
    {
        // Layer 1 sees inputs of both signs in every direction, so a unit with zero bias is positive on about half the rows;
        // layer 2 is entirely dead only if all 64 units are, each already unlikely (all 64 weights negative alone is 2⁻⁶⁴).
        Assert.That(BornDeadSeeds(width: 64, depth: 2), Is.LessThan(0.01 * Seeds));
    }
}
