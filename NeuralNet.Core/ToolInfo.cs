using System.Reflection;

namespace NeuralNet.Core;

/// <summary>Facts about this build of the tool.</summary>
public static class ToolInfo
{
    /// <summary>The tool version (the assembly's informational version without the commit suffix).</summary>
    public static string Version { get; } =
        (typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
