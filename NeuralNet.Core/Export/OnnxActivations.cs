using System.Numerics;
using NeuralNet.Core.Activations;
using Onnx;

namespace NeuralNet.Core.Export;

/// <summary>Writes each activation as ONNX's own operator: Relu, LeakyRelu(alpha), PRelu(slope), Sigmoid, Tanh.</summary>
internal static class OnnxActivations
{
    /// <summary>Appends the activation after <paramref name="z"/> and returns the activated value's name.</summary>
    /// <exception cref="NotSupportedException">For an activation that has no ONNX form here.</exception>
    public static string Append<T>(OnnxGraphBuilder g, IActivation<T> activation, string z) where T : struct, IFloatingPointIeee754<T>
        => activation switch
        {
            Identity<T> => z,
            Relu<T> => g.Node("Relu", [z]),
            LeakyRelu<T> leaky => g.Node("LeakyRelu", [z], null, OnnxGraphBuilder.Float("alpha", (float)leaky.Alpha)),
            // The slope is [1] (one α for the layer) or [units]; both broadcast over [N, units] as ONNX's PRelu requires.
            PRelu<T> prelu => g.Node("PRelu", [z, g.Constant("slope", ToFloats(prelu.Alpha.Value), prelu.Alpha.Value.Length)]),
            Sigmoid<T> => g.Node("Sigmoid", [z]),
            Tanh<T> => g.Node("Tanh", [z]),
            _ => throw new NotSupportedException($"activation '{activation.Name}' has no ONNX export"),
        };

    /// <summary>Values as float, the precision of the exported graph.</summary>
    public static float[] ToFloats<T>(IReadOnlyList<T> values) where T : struct, IFloatingPointIeee754<T>
        => values.Select(float.CreateChecked).ToArray();
}
