using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.Tests.Data;

/// <summary>The read-ahead sequence gives what a plain loop gives: the same items in order, errors in place, and stops its producer.</summary>
public class ReadAheadTests
{
    [Test]
    public void Items_ComeOutInOrder()
        => Assert.That(ReadAhead.Run(Enumerable.Range(0, 1000), capacity: 2), Is.EqualTo(Enumerable.Range(0, 1000)));

    [Test]
    public void AnError_ComesOutAfterTheItemsBeforeIt()
    {
        static IEnumerable<int> Failing()
        {
            yield return 1;
            yield return 2;
            throw new DataException("bad.csv:3: broken");
        }
        var seen = new List<int>();
        var error = Assert.Throws<DataException>(() => { foreach (int i in ReadAhead.Run(Failing(), capacity: 2)) seen.Add(i); });
        Assert.That(error!.Message, Is.EqualTo("bad.csv:3: broken"));
        Assert.That(seen, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void StoppingEarly_StopsAndDisposesTheSource_WithinCapacityOfTheReader()
    {
        int produced = 0;
        bool disposed = false;
        IEnumerable<int> Source()
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    produced = i + 1;
                    yield return i;
                }
            }
            finally { disposed = true; }
        }
        foreach (int i in ReadAhead.Run(Source(), capacity: 3))
            if (i == 10) break;
        Assert.That(disposed, Is.True, "the source's enumerator is disposed when the reader stops");
        // Items 0..10 were read; at most 3 wait in the queue and one more is being produced when the reader stops.
        Assert.That(produced, Is.InRange(11, 11 + 3 + 1));
    }
}
