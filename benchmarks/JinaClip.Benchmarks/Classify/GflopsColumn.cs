using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace JinaClip.Benchmarks.Classify;

/// <summary>A column of GFLOP/s: each benchmark's floating-point operations (looked up by method name) over its median time.</summary>
public sealed class GflopsColumn(Func<string, double> flopsOf) : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Floating-point operations per second achieved (a fused multiply-add counts 2), from the median time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        // The median, not the mean: on a shared VM a few slow rounds would otherwise decide the figure.
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        return median is > 0 ? (flopsOf(benchmarkCase.Descriptor.WorkloadMethod.Name) / median.Value).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "?";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
