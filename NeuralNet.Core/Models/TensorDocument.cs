namespace NeuralNet.Core.Models;

/// <summary>
/// One named parameter in a schema-2 model file, as safetensors stores it: its element type, its shape and its values
/// as one base64 block of little-endian IEEE 754 numbers, row-major.
/// </summary>
/// <param name="Dtype">"float32" or "float64".</param>
/// <param name="Shape">The dimensions, outermost first ([units, inputs] for a weight, [units] for a bias).</param>
/// <param name="Data">Base64 of the little-endian values.</param>
public sealed record TensorDocument(string Dtype, IReadOnlyList<int> Shape, string Data);
