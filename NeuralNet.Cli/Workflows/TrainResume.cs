using NeuralNet.Core.Models;
using NeuralNet.Core.Data;
using NeuralNet.Core.Preprocessing;
using NeuralNet.Cli.Persistence;
using NeuralNet.Core.Training;

namespace NeuralNet.Cli.Workflows;

/// <summary>
/// <c>train --resume FILE</c>: a checkpoint continues its run exactly (same settings, data checked by hash); a plain
/// model file lends its weights, architecture and encodings to a new run with a fresh optimizer.
/// </summary>
internal sealed class TrainResume
{
    private TrainResume(string path, CheckpointDocument? checkpoint, Model? model) => (Path, Checkpoint, Model) = (path, checkpoint, model);

    public string Path { get; }
    public CheckpointDocument? Checkpoint { get; }
    public Model? Model { get; }

    /// <summary>The trainer state to continue from (checkpoints only), once <see cref="CheckFits"/> accepted it.</summary>
    public TrainerState? State { get; private set; }

    public static TrainResume? Open(TrainSettings s)
    {
        if (s.Resume is not { } path) return null;
        if (!File.Exists(path)) throw CliException.BadData($"{path}: checkpoint or model file not found");
        return CheckpointStore.IsCheckpoint(path) ? new(path, CheckpointStore.Load(path), null) : new(path, null, Model.Load(path));
    }

    /// <summary>The files a checkpoint's hash covers.</summary>
    public static IEnumerable<string> DataFiles(TrainSettings s) => s.ValidationFile is { } v ? [s.DataPath, v] : [s.DataPath];

    /// <summary>Refuses to continue a checkpoint on data other than it was made on.</summary>
    public void CheckData(TrainSettings s, string dataSha256)
    {
        if (Checkpoint is null) return;
        if (dataSha256 != Checkpoint.DataSha256)
            throw CliException.BadData(
                $"{Path}: the checkpoint was made on different data than {s.DataPath}{(s.ValidationFile is { } v ? " and " + v : "")} (SHA-256 differs); resume on the same file(s)");
    }

    /// <summary>
    /// Refuses a checkpoint whose blocks, optimizer buffers, history or row order do not fit the network and rows of
    /// this run; otherwise decodes the <see cref="State"/> to continue from.
    /// </summary>
    public void CheckFits(Network network, int trainRows)
    {
        if (Checkpoint is null) return;
        CheckpointStore.CheckFits(Path, Checkpoint, network, trainRows);
        State = CheckpointStore.ToState(Checkpoint, network);
    }

    /// <summary>For a plain model: the same rows encoded with the model's own feature and target encodings.</summary>
    public TrainingData Reencode(TrainingData data, DataTable table, DataTable? validationTable, TrainSettings s, ValueParser parser)
    {
        if (Model is null) return data;
        if (!string.Equals(Model.Target.Name, table.Columns[table.IndexOf(s.Target)], StringComparison.Ordinal))
            throw CliException.BadData($"{Path}: the model predicts '{Model.Target.Name}', not '{s.Target}'");
        var encoder = new DataEncoder(Model.Features, Model.Target, parser, s.Missing);
        bool single = Model.Network.Precision == "float";
        var train = encoder.Encode(table, targetRequired: true, data.Train.SourceRows, single);
        EncodedData? validation = null;
        if (validationTable is not null) validation = encoder.Encode(validationTable, targetRequired: true, single: single);
        else if (data.Validation is { } v) validation = encoder.Encode(table, targetRequired: true, v.SourceRows, single);
        return data with { Features = Model.Features, Target = Model.Target, Train = train, Validation = validation };
    }
}
