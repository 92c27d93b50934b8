namespace NeuralNet.Tests.Reliability;

/// <summary>Issue 12, "give every test and fuzz case a bounded heap": the test host's own limit (NeuralNet.Tests.csproj).</summary>
public class BoundedHeapTests
{
    private const long Limit = 4L << 30; // System.GC.HeapHardLimit in NeuralNet.Tests.csproj

    [Test]
    public void TestHost_RunsWithTheHeapLimitOfTheProject()
    {
        Assert.That(AppContext.GetData("System.GC.HeapHardLimit")?.ToString(), Is.EqualTo(Limit.ToString()));
        // The collector honours it: no more than the limit is available to the tests, whatever the machine has.
        Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.LessThanOrEqualTo(Limit));
    }
}
