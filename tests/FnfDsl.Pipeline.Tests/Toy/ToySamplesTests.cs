using FnfDsl.Testing.Toy;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Tests.Toy;

/// Writing a whole toy dataset: file names, manifest, and files equal to the generated samples.
public sealed class ToySamplesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("toy-set-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WriteProducesEveryNamedFileAndAManifest()
    {
        var config = ToyConfig.Small with
        {
            Seed = 99, NominalSize = 300, VariationSize = 200, DataYieldA = 150, DataYieldB = 100,
            VariationShifts = [1.0, -1.0, 2.0], InjectedNu = new ToyNuisances(VariationX: 1, VariationY: -0.5),
        };
        var manifest = ToySamples.Write(config, _folder);

        string[] expected =
        [
            "nominal_A.parquet", "nominal_B.parquet",
            "variation_x_up_A.parquet", "variation_x_up_B.parquet", "variation_x_down_A.parquet", "variation_x_down_B.parquet",
            "variation_x_up2_A.parquet", "variation_x_up2_B.parquet",
            "variation_y_up_A.parquet", "variation_y_up_B.parquet", "variation_y_down_A.parquet", "variation_y_down_B.parquet",
            "variation_y_up2_A.parquet", "variation_y_up2_B.parquet",
            "data.parquet", ToyManifest.FileName,
        ];
        Assert.Equal(expected.Order(), Directory.GetFiles(_folder).Select(Path.GetFileName).Order());

        var read = ToyManifest.Read(_folder);
        Assert.Equal(99UL, read.Seed);
        Assert.Equal(1.0, read.InjectedNu["variation_x"]);
        Assert.Equal(-0.5, read.InjectedNu["variation_y"]);
        Assert.Equal(manifest.Files.Select(f => f.File), read.Files.Select(f => f.File));
        var downY = read.Files.Single(f => f.File == "variation_y_down_B.parquet");
        Assert.Equal(("variation", "B", -1.0, 0.0, 200), (downY.Kind, downY.Flavour, downY.Nuisances["variation_y"], downY.Nuisances["variation_x"], downY.Rows));

        // Every file holds exactly the generated sample, and a sample's nuisances travel in its metadata.
        foreach (var sample in ToySamples.Plan(config))
        {
            var table = TableFile.Read(Path.Combine(_folder, sample.Name + ".parquet"), sample.IsData ? ToyColumns.Data : ToyColumns.Simulation);
            Assert.True(ToySamples.Generate(sample, config).ContentEquals(table), sample.Name);
            Assert.Equal(sample.Nu, ToyGenerator.NuisancesOf(table));
            Assert.Equal(read.Files.Single(f => f.Sample == sample.Name).Rows, table.RowCount);
        }
    }

    [Fact]
    public void SamplesOfOneSetAreIndependentStreams()
    {
        var config = ToyConfig.Small with { NominalSize = 100, VariationSize = 100 };
        var nominal = ToySamples.Generate(config, "nominal_A");
        var up = ToySamples.Generate(config, "variation_x_up_A");
        var nominalX = nominal.Doubles(ToyColumns.X);
        var upX = up.Doubles(ToyColumns.X);
        // Not the nominal events scaled by 1.05: each sample has its own seed.
        Assert.NotEqual(nominalX.Select(v => v * 1.05), upX);
    }

    [Fact]
    public void CsvFormatAndAMalformedManifest()
    {
        var config = ToyConfig.Small with { NominalSize = 50, VariationSize = 20, DataYieldA = 30, DataYieldB = 30, VariationShifts = [1.0] };
        ToySamples.Write(config, _folder, TableFormat.Csv);
        Assert.True(File.Exists(Path.Combine(_folder, "variation_x_up_A.csv")));
        Assert.Equal("Csv", ToyManifest.Read(_folder).Format);

        File.WriteAllText(Path.Combine(_folder, ToyManifest.FileName), "{ \"Seed\": ");
        var e = Assert.Throws<DataFileException>(() => ToyManifest.Read(_folder));
        Assert.Contains(ToyManifest.FileName, e.Message);
    }
}
