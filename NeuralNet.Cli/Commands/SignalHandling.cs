using System.Runtime.InteropServices;
using NeuralNet.Core.Models;

namespace NeuralNet.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM for every command. The first signal cancels the command's token; a command that has
/// said it honours the token (<see cref="Honour"/>: training, which then finishes the batch and saves a checkpoint)
/// returns by itself with exit 130. Any other command (predict, evaluate, bench, generate, export, inspect, or training
/// still reading its data) stops at once: temporary files are deleted, so no output is left half-written (files being
/// replaced keep their old content), and the process exits 130. A second signal always stops at once.
/// </summary>
public sealed class SignalHandling : IDisposable
{
    private static volatile bool _honoured;
    private readonly CancellationTokenSource _cancellation;
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration[] _registrations;

    private SignalHandling(CancellationTokenSource cancellation, TextWriter error)
    {
        (_cancellation, _error) = (cancellation, error);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Installs the handlers for the process; <paramref name="error"/> gets the "cancelled" line of an immediate stop.</summary>
    public static SignalHandling Install(CancellationTokenSource cancellation, TextWriter error) => new(cancellation, error);

    /// <summary>Called by a command from the point where it checks the token promptly and cleans up by itself.</summary>
    public static void Honour() => _honoured = true;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the process decides how to end, not the runtime's default
        bool second = _cancellation.IsCancellationRequested;
        _cancellation.Cancel();
        if (_honoured && !second) return;
        AtomicFile.AbandonAll();
        _error.WriteLine("error: cancelled");
        _error.Flush();
        Environment.Exit(ExitCodes.Cancelled);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
