using System.Text;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Training;

namespace NeuralNet.Tests.Training;

/// <summary>
/// The rehearsal that compiles the training path while a file is read must run the path for real (or it compiles
/// nothing) and must leave the run beside it untouched.
/// </summary>
public class RehearsalTests
{
    [TestCase("float", "relu", "adam")]
    [TestCase("double", "prelu", "sgd")]
    [TestCase("float", "leaky-relu,tanh", "momentum")]
    public void Rehearsal_TrainsMeasuresAndWritesAModel(string precision, string activation, string optimizer)
    {
        var spec = new TrainingSpec { Target = "label", Precision = precision, Activation = activation, Hidden = [16, 8], Optimizer = optimizer, Epochs = 200, Output = "identity" };

        string json = Encoding.UTF8.GetString(Rehearsal.Rehearse(spec, inputs: 12));

        Assert.That(json, Does.Contain("\"format\""));
        Assert.That(json, Does.Contain("\"epoch\": 1").And.Not.Contain("\"epoch\": 2"), "one epoch trained, whatever the run's count");
        Assert.That(json, Does.Contain("\"deadPerLayer\""), "dead neurons measured");
    }

    [Test]
    public void ARunBesideRehearsals_GivesTheBitsOfARunAlone()
    {
        var rows = new StringBuilder("a,b,c,label\n");
        var rng = new Rng(3);
        for (int r = 0; r < 3000; r++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian(), c = rng.NextGaussian();
            rows.Append($"{a:R},{b:R},{c:R},{(a - b + 0.5 * c > 0 ? 1 : 0)}\n");
        }
        using var files = new NeuralNet.Tests.Data.TempFiles();
        string path = files.Write("d.csv", rows.ToString());
        var spec = new TrainingSpec { Target = "label", Hidden = [64, 64], Epochs = 3, BatchSize = 64, Seed = 5 };
        double[][] Train()
        {
            var run = TrainingPipeline.Prepare(CsvTableReader.Read(path), null, spec);
            run.Train();
            return run.Network.ParameterValues().Select(p => p.ToArray()).ToArray();
        }
        int previous = Gemm.MaxThreads;
        Gemm.MaxThreads = 2; // the run's products and passes split over two threads, as on the machine that ships
        try
        {
            var alone = Train();
            var rehearsals = Enumerable.Range(0, 3).Select(_ => Rehearsal.Start(spec with { Hidden = [64, 64] }, inputs: 3)).ToArray();
            var beside = Train();
            Task.WaitAll(rehearsals);

            Assert.That(beside, Is.EqualTo(alone));
        }
        finally
        {
            Gemm.MaxThreads = previous;
        }
    }
}
