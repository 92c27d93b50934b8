using NeuralNet.Core;

namespace NeuralNet.Tests.Training.Optimizers;

/// <summary>Single-scalar parameters for following an update rule step by step.</summary>
internal static class OptimizerTestKit
{
    public static Parameter<double> Scalar(string name, double value, bool decay = true)
    {
        var p = new Parameter<double>(name, 1, 1, decay);
        p.Value[0] = value;
        return p;
    }

    /// <summary>Sets the gradients (one per parameter, in order) and takes one step.</summary>
    public static void StepWith(Core.Training.Optimizers.Optimizer<double> optimizer, params double[] gradients)
    {
        for (int i = 0; i < gradients.Length; i++) optimizer.Parameters[i].Gradient[0] = gradients[i];
        optimizer.Step();
    }
}
