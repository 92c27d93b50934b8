using System.Globalization;

namespace NeuralNet.Tests.Data;

/// <summary>
/// The real datasets committed in data/ have the rows, columns and class counts documented
/// in data/README.md (which in turn are the documented figures of each original dataset).
/// </summary>
[TestFixture]
public class ShippedDatasetsTests
{
    private sealed record Csv(string[] Header, string[][] Rows);

    private static readonly string[] Digits =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static string DataDirectory()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln")))
            dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root (NeuralNet.sln) not found above the test directory");
        return Path.Combine(dir!.FullName, "data");
    }

    private static Csv Read(string file)
    {
        var path = Path.Combine(DataDirectory(), file);
        Assert.That(File.Exists(path), Is.True, $"{path} is missing");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        return new Csv(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    public static IEnumerable<TestCaseData> ClassificationSets()
    {
        yield return new TestCaseData("iris.csv", 150, 5, "species",
            new Dictionary<string, int> { ["setosa"] = 50, ["versicolor"] = 50, ["virginica"] = 50 })
            .SetName("Iris");
        yield return new TestCaseData("wine.csv", 178, 14, "cultivar",
            new Dictionary<string, int> { ["class_0"] = 59, ["class_1"] = 71, ["class_2"] = 48 })
            .SetName("Wine");
        yield return new TestCaseData("breast_cancer.csv", 569, 31, "diagnosis",
            new Dictionary<string, int> { ["malignant"] = 212, ["benign"] = 357 })
            .SetName("BreastCancer");
        int[] digitCounts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
        yield return new TestCaseData("digits.csv", 1797, 65, "digit",
            Digits.Zip(digitCounts).ToDictionary(p => p.First, p => p.Second))
            .SetName("Digits");
    }

    [TestCaseSource(nameof(ClassificationSets))]
    public void ClassificationDatasetHasDocumentedShapeAndClassCounts(
        string file, int rows, int columns, string target, Dictionary<string, int> classCounts)
    {
        var csv = Read(file);

        Assert.That(csv.Rows, Has.Length.EqualTo(rows));
        Assert.That(csv.Header, Has.Length.EqualTo(columns));
        Assert.That(csv.Header[^1], Is.EqualTo(target));
        Assert.That(csv.Header, Is.Unique);
        Assert.That(csv.Rows.Select(r => r.Length), Is.All.EqualTo(columns));

        var counts = csv.Rows.GroupBy(r => r[^1]).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts, Is.EquivalentTo(classCounts));
        AssertFeaturesAreNumbers(csv);
    }

    [Test]
    public void DiabetesIsRawRegressionDataWithDocumentedShape()
    {
        var csv = Read("diabetes.csv");

        Assert.That(csv.Rows, Has.Length.EqualTo(442));
        Assert.That(csv.Header, Is.EqualTo(new[]
            { "age", "sex", "bmi", "bp", "tc", "ldl", "hdl", "tch", "ltg", "glu", "progression" }));
        Assert.That(csv.Rows.Select(r => r.Length), Is.All.EqualTo(11));
        AssertFeaturesAreNumbers(csv);

        // Raw, unscaled values: ages in years, sex coded 1/2, an integer target in 25..346.
        var age = csv.Rows.Select(r => Parse(r[0])).ToArray();
        Assert.That(age, Is.All.InRange(18.0, 80.0));
        Assert.That(csv.Rows.Select(r => r[1]).Distinct(), Is.EquivalentTo(new[] { "1", "2" }));
        var target = csv.Rows.Select(r => Parse(r[^1])).ToArray();
        Assert.That(target, Is.All.InRange(25.0, 346.0));
        Assert.That(target, Has.All.Matches<double>(t => t == Math.Floor(t)));
    }

    [Test]
    public void HeadersAreReadableNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Read("iris.csv").Header[..4],
                Is.EqualTo(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }));
            Assert.That(Read("wine.csv").Header, Does.Contain("alcohol").And.Contain("proline"));
            var cancer = Read("breast_cancer.csv").Header;
            Assert.That(cancer[0], Is.EqualTo("mean_radius"));
            Assert.That(cancer[10], Is.EqualTo("radius_error"));
            Assert.That(cancer[29], Is.EqualTo("worst_fractal_dimension"));
            var digits = Read("digits.csv").Header;
            Assert.That(digits[0], Is.EqualTo("pixel_0_0"));
            Assert.That(digits[63], Is.EqualTo("pixel_7_7"));
        });
    }

    [Test]
    public void DigitPixelsAreIntegersFrom0To16()
    {
        var pixels = Read("digits.csv").Rows.SelectMany(r => r[..^1]).Select(Parse);
        Assert.That(pixels, Is.All.InRange(0.0, 16.0));
        Assert.That(pixels, Has.All.Matches<double>(p => p == Math.Floor(p)));
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AssertFeaturesAreNumbers(Csv csv)
    {
        var bad = csv.Rows.SelectMany(r => r[..^1])
            .Where(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Take(5).ToArray();
        Assert.That(bad, Is.Empty, "non-numeric feature values");
    }
}
