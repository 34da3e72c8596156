using FnfDsl.Testing.Toy;
using FnfDsl.Tables;

namespace FnfDsl.Pipeline.Tests.Toy;

/// The data distortion: its formula, its exact inverse, its Jacobian, and the truth columns of data.
public class DistortionTests
{
    [Fact]
    public void ApplyMatchesHandComputedValuesOfShearThenRotationThenModulation()
    {
        // Computed independently (Python) from toy-dataset.md section 3.
        var (a1, a2) = Distortion.Apply(ToyFlavour.A, x: 1.0, u: 1.0, 0.7, 0.2);
        Assert.Equal(0.6974052844664246, a1, 1e-14);
        Assert.Equal(0.0499385482586439, a2, 1e-14);
        var (b1, b2) = Distortion.Apply(ToyFlavour.B, x: 2.5, u: 2.4, -0.6, 0.4);
        Assert.Equal(-0.6901467370564969, b1, 1e-14);
        Assert.Equal(0.4125470967841268, b2, 1e-14);
    }

    [Theory]
    [InlineData(ToyFlavour.A)]
    [InlineData(ToyFlavour.B)]
    public void InvertUndoesApply(ToyFlavour flavour)
    {
        var random = new RandomStream(8, flavour.ToString());
        for (int i = 0; i < 2000; i++)
        {
            double x = 0.2 + 8 * random.NextUniform();
            double u = x / (1 + 0.05 * (2 * random.NextUniform() - 1));
            double y1 = 4 * random.NextStandardNormal(), y2 = 4 * random.NextStandardNormal();
            var (d1, d2) = Distortion.Apply(flavour, x, u, y1, y2);
            var (t1, t2) = Distortion.Invert(flavour, x, u, d1, d2);
            Assert.Equal(y1, t1, 1e-9);
            Assert.Equal(y2, t2, 1e-9);
        }
    }

    [Theory]
    [InlineData(ToyFlavour.A, 0.7)]
    [InlineData(ToyFlavour.B, 3.1)]
    public void LogAbsDetJacobianMatchesFiniteDifferences(ToyFlavour flavour, double x)
    {
        const double h = 1e-6;
        double u = x, y1 = 0.3, y2 = -0.4;
        var (p1, p2) = Distortion.Apply(flavour, x, u, y1 + h, y2);
        var (m1, m2) = Distortion.Apply(flavour, x, u, y1 - h, y2);
        var (q1, q2) = Distortion.Apply(flavour, x, u, y1, y2 + h);
        var (n1, n2) = Distortion.Apply(flavour, x, u, y1, y2 - h);
        double j11 = (p1 - m1) / (2 * h), j21 = (p2 - m2) / (2 * h), j12 = (q1 - n1) / (2 * h), j22 = (q2 - n2) / (2 * h);
        Assert.Equal(Math.Log(Math.Abs(j11 * j22 - j12 * j21)), Distortion.LogAbsDetJacobian(flavour, x), 1e-7);
    }

    [Fact]
    public void DataTruthColumnsAreTheUndistortedFeaturesAndTheInverseRecoversThem()
    {
        var injected = new ToyNuisances(VariationX: -1, VariationY: 0.5, NormB: 1);
        var data = ToyGenerator.Data(1500, 1500, 77, injected);
        double[] x = data.Doubles(ToyColumns.X), u = data.Doubles(ToyColumns.U);
        double[] y1 = data.Doubles(ToyColumns.Y1), y2 = data.Doubles(ToyColumns.Y2);
        double[] t1 = data.Doubles(ToyColumns.Y1True), t2 = data.Doubles(ToyColumns.Y2True);
        int[] flavour = data.Ints(ToyColumns.FlavourTrue);
        double meanShift = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            var f = (ToyFlavour)flavour[i];
            Assert.Equal(u[i], ToyModel.TrueKinematic(x[i], injected.VariationX), 1e-12);
            var (d1, d2) = Distortion.Apply(f, x[i], u[i], t1[i], t2[i]);
            Assert.Equal(y1[i], d1, 1e-12);
            Assert.Equal(y2[i], d2, 1e-12);
            var (r1, r2) = Distortion.Invert(f, x[i], u[i], y1[i], y2[i]);
            Assert.Equal(t1[i], r1, 1e-9);
            Assert.Equal(t2[i], r2, 1e-9);
            meanShift += Math.Abs(y1[i] - t1[i]) + Math.Abs(y2[i] - t2[i]);
        }
        Assert.True(meanShift / data.RowCount > 0.05, "the distortion must actually move the features");
    }

    [Fact]
    public void UndistortedDataHasFeaturesEqualToTheTruth()
    {
        var data = ToyGenerator.Data(300, 300, 2, distort: false);
        Assert.Equal(data.Doubles(ToyColumns.Y1True), data.Doubles(ToyColumns.Y1));
        Assert.Equal(data.Doubles(ToyColumns.Y2True), data.Doubles(ToyColumns.Y2));
    }
}
