using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Diagnostics;
using NeuralNet.Core.Layers;

namespace NeuralNet.Tests.Diagnostics;

public class ActivityMeterTests
{
    [TestCase("relu")]
    [TestCase("prelu")]
    [TestCase("tanh")]
    public void Counts_EqualANaiveRowByRowCount(string activation)
    {
        // 100 rows read in chunks of 16 (6 full chunks and a 4-row rest), a bias that silences part of the rows.
        var rng = new Rng(51);
        var net = Mlp<double>.Create(new MlpSpec(3, [8, 6], 2, new ActivationSpec(activation, PerUnitAlpha: activation == "prelu"), HiddenBias: -0.3), rng);
        var x = GradientCheck.Uniform(rng, 100, 3);

        var activity = new ActivityMeter<double>(net, 16).Measure(x);

        var naive = NaiveCounts(net, x);
        Assert.That(activity, Has.Count.EqualTo(2));
        for (int l = 0; l < 2; l++)
        {
            Assert.That(activity[l].PositiveRows, Is.EqualTo(naive[l]), $"layer {l}");
            Assert.That((activity[l].Layer, activity[l].Rows, activity[l].Activation), Is.EqualTo((l, 100, activation)));
        }
        Assert.That(naive.SelectMany(c => c), Has.Some.InRange(1, 99), "the counts should not all be 0 or 100");
    }

    [Test]
    public void Measure_StartsFromZeroEveryTime()
    {
        var rng = new Rng(52);
        var net = Mlp<double>.Create(new MlpSpec(3, [8], 1, ActivationSpec.Relu), rng);
        var meter = new ActivityMeter<double>(net, 7);
        var x = GradientCheck.Uniform(rng, 30, 3);
        var first = meter.Measure(x)[0].PositiveRows;
        var second = meter.Measure(x)[0].PositiveRows;
        Assert.That(second, Is.EqualTo(first));
        Assert.That(second, Is.Not.SameAs(first), "a measurement must not alias the meter's counters");
    }

    /// <summary>z = a·W + b written out with loops, the activation applied by hand, counting z &gt; 0.</summary>
    private static int[][] NaiveCounts(Mlp<double> net, Matrix<double> x)
    {
        var counts = net.HiddenLayers.Select(l => new int[l.Units]).ToArray();
        for (int row = 0; row < x.RowCount; row++)
        {
            double[] a = x.Row(row).ToArray();
            for (int l = 0; l < counts.Length; l++)
            {
                var layer = net.Layers[l];
                var next = new double[layer.Units];
                for (int j = 0; j < layer.Units; j++)
                {
                    double z = layer.Bias.Value[j];
                    for (int i = 0; i < layer.Inputs; i++) z += a[i] * layer.Weights.ValueMatrix[i, j];
                    if (z > 0) counts[l][j]++;
                    next[j] = layer.Activation switch
                    {
                        PRelu<double> p => z > 0 ? z : p.AlphaOf(j) * z,
                        Tanh<double> => Math.Tanh(z),
                        _ => Math.Max(0, z),
                    };
                }
                a = next;
            }
        }
        return counts;
    }
}
