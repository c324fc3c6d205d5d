using JinaClip.Imaging;

namespace JinaClip.Tests.Imaging;

/// <summary>
/// Which decoder and DCT scale a baseline JPEG gets, from its start-of-frame alone: the smallest scale that covers the
/// target, one step larger when chroma is subsampled past 2 (4:1:1), so that its colours keep the 35 dB promise.
/// </summary>
public class JpegScaleTests
{
    [Theory]
    [InlineData("1x1,1x1,1x1", "DcOnly", 0.125f, 500)] // 4:4:4
    [InlineData("2x2,1x1,1x1", "DcOnly", 0.125f, 500)] // 4:2:0
    [InlineData("2x1,1x1,1x1", "DcOnly", 0.125f, 500)] // 4:2:2
    [InlineData("4x1,1x1,1x1", "Rows", 0.25f, 1000)] // 4:1:1: SkiaSharp at 1/4
    [InlineData("4x2,1x1,1x1", "Rows", 0.25f, 1000)] // 4:1:0
    [InlineData("4x4,1x1,1x1", "Rows", 0.25f, 1000)]
    [InlineData("1x1", "DcOnly", 0.125f, 500)] // grayscale
    public void For_TwelveMegapixelJpeg_PicksTheRouteAndScaleBySampling(string sampling, string route, float scale, int width)
    {
        var jpeg = StartOfFrame(4000, 3000, sampling);

        var plan = DecodePlan.For(jpeg, JinaClipModelFactory.ImageSize(ImageFormat.Jpeg, 4000, 3000), (299, 224));

        Assert.Equal((route, scale, width), (plan.Route.ToString(), plan.JpegScale, plan.Width));
    }

    [Fact]
    public void For_FourOneOneJpegJustOverTheTarget_IsDecodedAtOneQuarter()
    {
        // At 1/8 this one would just cover the target; 4:1:1 asks for one step more than the covering scale.
        var jpeg = StartOfFrame(2400, 1800, "4x1,1x1,1x1");

        var plan = DecodePlan.For(jpeg, JinaClipModelFactory.ImageSize(ImageFormat.Jpeg, 2400, 1800), (299, 224));

        Assert.Equal((DecodeRoute.Rows, 0.25f, 600, 450), (plan.Route, plan.JpegScale, plan.Width, plan.Height));
    }

    [Theory]
    [InlineData("2x2,1x1,1x1", 2)]
    [InlineData("1x1,1x1,1x1", 1)]
    [InlineData("4x1,1x1,1x1", 4)]
    [InlineData("1x1", 1)]
    public void Read_BaselineFrame_GivesTheSubsampling(string sampling, int subsampling)
    {
        var sof = JpegStartOfFrame.Read(StartOfFrame(4000, 3000, sampling), 4000, 3000);

        Assert.Equal((false, subsampling), (sof.Progressive, sof.Subsampling));
    }

    /// <summary>SOI and a baseline SOF0 with one component per "HxV" of <paramref name="sampling"/>: all the plan reads.</summary>
    private static byte[] StartOfFrame(int width, int height, string sampling)
    {
        var factors = sampling.Split(',').Select(f => f.Split('x')).Select(f => (H: int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), V: int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var segment = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)factors.Length };
        for (var c = 0; c < factors.Length; c++)
        {
            segment.AddRange([(byte)(c + 1), (byte)((factors[c].H << 4) | factors[c].V), (byte)(c == 0 ? 0 : 1)]);
        }

        var length = segment.Count + 2;
        return [0xFF, 0xD8, 0xFF, 0xC0, (byte)(length >> 8), (byte)length, .. segment];
    }
}
