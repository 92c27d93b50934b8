using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

public class CliUsageTests
{
    [Test]
    public void NoArguments_PrintsTheCommands_AndIsAUsageError()
    {
        var output = new StringWriter();
        int code = NeuralNet.Cli.Cli.Run([], output, new StringWriter());

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output.ToString(), Does.Contain("train").And.Contain("experiment").And.Contain("bench").And.Contain("generate"));
    }
}
