namespace NeuralNet.Tests.Cli;

/// <summary>
/// Issue 13, "README tour": a tour command without --out overwrote model.json, so the evaluate that followed showed
/// another model's accuracy. Every command of the tour that reads a model must read the one the tour's output shows.
/// </summary>
public class ReadmeTourTests
{
    [Test]
    public void TourCommands_ReadTheModelTheFirstTrainWrote_NoLaterCommandReplacesIt()
    {
        string root = Path.GetDirectoryName(Path.GetDirectoryName(CliHarness.IrisPath))!;
        var commands = File.ReadLines(Path.Combine(root, "README.md"))
            .Where(l => l.StartsWith("$ neuralnet ", StringComparison.Ordinal))
            .Select(l => l["$ neuralnet ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        // The tour: from the first command to the last one that reads a model.
        int last = commands.FindLastIndex(c => c[0] is "evaluate" or "predict" or "inspect");
        Assert.That(last, Is.GreaterThan(0));
        var tour = commands.Take(last + 1).ToList();
        var trains = tour.Where(c => c[0] == "train").ToList();

        // The model each train writes: --out/-o, or model.json.
        static string Out(string[] c) => c.Zip(c.Skip(1)).FirstOrDefault(p => p.First is "--out" or "-o").Second ?? "model.json";
        Assert.That(Out(trains[0]), Is.EqualTo("model.json"), "the tour starts by training model.json");
        var overwriting = trains.Skip(1).Where(c => Out(c) == "model.json").Select(c => string.Join(' ', c)).ToList();
        Assert.That(overwriting, Is.Empty, "a later tour command replaces the model.json that evaluate, predict and inspect then read");
        Assert.That(tour.Where(c => c[0] is "evaluate" or "predict" or "inspect").Select(c => c[1]), Is.All.EqualTo("model.json"));
    }
}
