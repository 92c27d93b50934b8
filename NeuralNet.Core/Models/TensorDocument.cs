namespace NeuralNet.Core.Models;

/// <summary>
/// One named block of a schema-2 model file or checkpoint, as safetensors stores it: its element type, its shape and
/// its values as one base64 block of little-endian numbers, row-major (see <see cref="TensorCodec"/>).
/// </summary>
/// <param name="Dtype">"float32" or "float64" (parameters, optimizer buffers); "int32", "int64" or "uint64" (a checkpoint's integer state).</param>
/// <param name="Shape">The dimensions, outermost first ([units, inputs] for a weight, [units] for a bias, [] for one number).</param>
/// <param name="Data">Base64 of the little-endian values.</param>
public sealed record TensorDocument(string Dtype, IReadOnlyList<int> Shape, string Data);
