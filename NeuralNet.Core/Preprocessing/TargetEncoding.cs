namespace NeuralNet.Core.Preprocessing;

/// <summary>How the target column becomes network targets, and network outputs become predictions.</summary>
/// <param name="Name">Target column name.</param>
/// <param name="Task">"classification" or "regression".</param>
/// <param name="Classes">Classification: class labels in output order (for two classes, output 1 is the probability of Classes[1]).</param>
/// <param name="Mean">Regression: the training mean the target was centred with (predictions are un-scaled with it).</param>
/// <param name="Scale">Regression: the training standard deviation the target was divided by (1 for a constant target).</param>
/// <param name="Loss">The loss: "softmax-cross-entropy" (one output per class, one-hot targets), "binary-cross-entropy"
/// (one logit, 0/1 targets) or "mse" (one value).</param>
public sealed record TargetEncoding(string Name, string Task, IReadOnlyList<string> Classes, double Mean, double Scale, string Loss)
{
    /// <summary>The classification task.</summary>
    public const string Classification = "classification";

    /// <summary>The regression task.</summary>
    public const string Regression = "regression";

    /// <summary>Whether the task is classification.</summary>
    public bool IsClassification => Task == Classification;

    /// <summary>Network outputs: one per class for softmax, else one (a logit or a value).</summary>
    public int Outputs => Loss == SoftmaxLoss ? Classes.Count : 1;

    /// <summary>Softmax cross-entropy.</summary>
    public const string SoftmaxLoss = "softmax-cross-entropy";

    /// <summary>Binary cross-entropy on one logit.</summary>
    public const string BinaryLoss = "binary-cross-entropy";

    /// <summary>Mean squared error.</summary>
    public const string MseLoss = "mse";

    /// <summary>
    /// The loss for a task: <paramref name="requested"/> when it fits, else the default (softmax for classes, a sigmoid logit
    /// for two classes, MSE for regression).
    /// </summary>
    /// <exception cref="SpecException">If the requested loss does not fit the task.</exception>
    public static string ResolveLoss(string task, int classes, string? requested, string target)
    {
        if (requested is null or "auto")
            return task == Regression ? MseLoss : classes == 2 ? BinaryLoss : SoftmaxLoss;
        if (task == Regression && requested != MseLoss)
            throw new SpecException($"--loss {requested} needs a classification target, but '{target}' is a regression target (numbers with many values); use --task classification or --loss mse");
        if (task == Classification && requested == MseLoss)
            throw new SpecException($"--loss mse needs a regression target, but '{target}' is a classification target; use --task regression or a cross-entropy loss");
        if (requested == BinaryLoss && classes != 2)
            throw new SpecException($"--loss binary-cross-entropy needs two classes, but '{target}' has {classes}; use --loss softmax-cross-entropy");
        return requested;
    }
}
