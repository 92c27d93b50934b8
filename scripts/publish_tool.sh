#!/usr/bin/env bash
# Publishes the neuralnet tool for this machine as its package ships it (Release, ReadyToRun, framework-dependent) into
# artifacts/publish/, where the benchmark scripts look for it. A plain `dotnet build -c Release` has no ahead-of-time
# code, so every process JIT-compiles its start-up: fine for training speed, a few tenths of a second slower per command.
# Usage: scripts/publish_tool.sh   (from anywhere; needs the .NET 10 SDK)
set -euo pipefail
cd "$(dirname "$0")/.."
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet publish NeuralNet.Cli -c Release -r "$rid" --nologo -v quiet -o artifacts/publish
echo "published artifacts/publish/neuralnet ($rid)"
