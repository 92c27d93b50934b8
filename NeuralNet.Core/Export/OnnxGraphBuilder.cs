using Onnx;

namespace NeuralNet.Core.Export;

/// <summary>
/// Collects the nodes and initializers of one ONNX graph, handing out unique value names so that callers only say
/// which operator comes next. All tensors are float unless a caller says otherwise.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "neuralnet" };
    private int _next;

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph => _graph;

    /// <summary>Declares a float graph input [N, <paramref name="width"/>] with a symbolic batch dimension.</summary>
    public string Input(string name, int width)
    {
        _graph.Input.Add(Value(name, TensorProto.Types.DataType.Float, width));
        return name;
    }

    /// <summary>Declares a string graph input [N, 1] (one text column) with a symbolic batch dimension.</summary>
    public string TextInput(string name)
    {
        _graph.Input.Add(Value(name, TensorProto.Types.DataType.String, 1));
        return name;
    }

    /// <summary>Declares a graph output of <paramref name="width"/> columns (or rank 1 when width is null).</summary>
    public void Output(string name, TensorProto.Types.DataType type, int? width) => _graph.Output.Add(Value(name, type, width));

    /// <summary>Adds a float constant with the given shape and returns its name.</summary>
    public string Constant(string hint, float[] values, params long[] dims)
        => Initializer(hint, TensorProto.Types.DataType.Float, dims, t => t.FloatData.AddRange(values));

    /// <summary>Adds an int64 constant with the given shape and returns its name.</summary>
    public string Int64Constant(string hint, long[] values, params long[] dims)
        => Initializer(hint, TensorProto.Types.DataType.Int64, dims, t => t.Int64Data.AddRange(values));

    private string Initializer(string hint, TensorProto.Types.DataType type, long[] dims, Action<TensorProto> fill)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)type };
        tensor.Dims.AddRange(dims);
        fill(tensor);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node of the operator set <paramref name="domain"/> (for example <c>ai.onnx.ml</c>) and returns its output.</summary>
    public string DomainNode(string domain, string op, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string output = Node(op, inputs, null, attributes);
        _graph.Node[^1].Domain = domain;
        return output;
    }

    /// <summary>Adds a node and returns the name of its single output (<paramref name="output"/> when given).</summary>
    public string Node(string op, IEnumerable<string> inputs, string? output = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? Fresh(op.ToLowerInvariant()));
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A list-of-strings attribute (UTF-8).</summary>
    public static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(Google.Protobuf.ByteString.CopyFromUtf8));
        return attribute;
    }

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private string Fresh(string hint) => $"{hint}_{_next++}";

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, int? width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        if (width is { } w) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = w });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
