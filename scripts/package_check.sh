#!/usr/bin/env bash
# Packs NeuralNet.Core and the neuralnet tool into a temporary folder, installs the tool from there into a temporary tool
# path, trains iris with the installed `neuralnet` (with --plot, which needs the packed SkiaSharp natives), and builds a
# small consumer project that takes NeuralNet.Core from that folder, loads the model the tool wrote, predicts and exports ONNX.
# Usage: scripts/package_check.sh   (from anywhere; needs the .NET 10 SDK; about 3–6 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
limit=$((30 * 1024 * 1024))

echo "== pack (tool for $rid only, to keep the check short; a plain 'dotnet pack NeuralNet.Cli' packs every platform)"
dotnet pack NeuralNet.Core --nologo -v quiet -o "$feed"
dotnet pack NeuralNet.Cli --nologo -v quiet -o "$feed" -p:RuntimeIdentifiers="$rid"
ls -l "$feed"
tool_package=$(ls "$feed"/neuralnet."$rid".*.nupkg | grep -v snupkg)
size=$(stat -c %s "$tool_package")
echo "tool package $(basename "$tool_package"): $size bytes (limit $limit)"
[ "$size" -le "$limit" ] || { echo "FAIL: the tool package is over 30 MB"; exit 1; }

# The tool and the consumer run with a bounded heap (as every test does); the SDK's own processes are left alone.
heap=0x20000000 # 512 MB

# A private package cache, so that nothing packed earlier under the same version can stand in for what was just packed.
export NUGET_PACKAGES="$work/packages"

echo "== install the tool and train iris with it"
dotnet tool install neuralnet --tool-path "$work/tools" --add-source "$feed"
DOTNET_GCHeapHardLimit=$heap "$work/tools/neuralnet" train "$repo/data/iris.csv" --target species --seed 1 --epochs 30 --quiet \
  --out "$work/iris.json" --plot "$work/iris.png"
DOTNET_GCHeapHardLimit=$heap "$work/tools/neuralnet" evaluate "$work/iris.json" "$repo/data/iris.csv" | head -3
[ -s "$work/iris.png" ] || { echo "FAIL: --plot wrote no chart"; exit 1; }
DOTNET_GCHeapHardLimit=$heap "$work/tools/neuralnet" export "$work/iris.json" --out "$work/iris.onnx"

echo "== a consumer project that takes NeuralNet.Core from the folder"
mkdir -p "$work/consumer"
cat > "$work/consumer/nuget.config" <<XML
<configuration><packageSources><add key="local" value="$feed" /></packageSources></configuration>
XML
version=$(ls "$feed"/NeuralNet.Core.*.nupkg | grep -v snupkg | sed 's/.*NeuralNet\.Core\.\(.*\)\.nupkg/\1/')
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="NeuralNet.Core" Version="$version" /></ItemGroup>
</Project>
XML
# The consumer loads the model the installed tool wrote, predicts from the CSV and from a float[] row, and exports ONNX.
cat > "$work/consumer/Program.cs" <<'CS'
using NeuralNet.Core.Models;

var model = Model.Load(args[0]);
var fromCsv = model.Predict(args[1]);
var fromRow = model.Predict(new float[] { 5.1f, 3.5f, 1.4f, 0.2f });
Console.WriteLine($"rows {fromCsv.Count}, first '{fromCsv[0].Label}', row 5.1,3.5,1.4,0.2 -> '{fromRow.Label}'");
model.ExportOnnx(args[2]);
Console.WriteLine($"onnx bytes: {new FileInfo(args[2]).Length}");
return fromCsv.Count == 150 && fromRow.Label == "setosa" ? 0 : 1;
CS
# Built, then run as a program: `dotnet run` would hand options such as --nologo to the program as arguments.
dotnet build "$work/consumer" --nologo -v quiet -o "$work/consumer/out"
DOTNET_GCHeapHardLimit=$heap dotnet "$work/consumer/out/Consumer.dll" "$work/iris.json" "$repo/data/iris.csv" "$work/consumer.onnx"
echo "package check passed"
