using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace JinaClip.Tests.Samples;

/// <summary>
/// The web sample's image-search page in a real browser: Debian's Chromium, headless, driven through ChromeDriver by
/// Selenium, against the sample started as a process on a loopback port with no API key (the emulator answers).
/// </summary>
[Collection(nameof(WebSampleProcess))]
public sealed class ImageSearchPageBrowserTests(SampleWebAppFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshots go: the test's output folder, <c>browser/</c>.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "browser");

    [Fact]
    public async Task ImageSearchPage_SearchesByText_UploadsAnImage_AndFollowsADeepLink()
    {
        RequireChromium();
        var app = fixture.App;
        using var driver = StartBrowser();
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));
        Directory.CreateDirectory(ScreenshotFolder);

        // The page loads and says what it indexed, and that it is offline.
        driver.Navigate().GoToUrl(app.BaseAddress);
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");
        var status = driver.FindElement(By.Id("status")).Text;
        Assert.StartsWith("12 images indexed with jina-clip-v1 (24,000 tokens).", status, StringComparison.Ordinal);
        Assert.Contains("Offline: the local emulator answers", status, StringComparison.Ordinal);

        // Every gallery image is shown with its tag: the best of the configured labels, scored on the server from the
        // gallery's own vectors, as the JSON API lists them.
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-gallery") == "true");
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        var listed = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/gallery/images", UriKind.Relative), Ct)).RootElement;
        var labels = listed.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToArray();
        var tags = listed.GetProperty("images").EnumerateArray().ToDictionary(i => i.GetProperty("image").GetString()!, i => i.GetProperty("tag").GetString());
        var galleryCards = driver.FindElements(By.CssSelector("#gallery .card"));
        Assert.Equal(12, galleryCards.Count);
        Assert.Equal("local", listed.GetProperty("tagging").GetString());
        Assert.All(galleryCards, c => Assert.Contains(c.FindElement(By.ClassName("tag")).Text, labels));
        Assert.Equal(tags, galleryCards.ToDictionary(c => c.GetAttribute("data-image")!, c => (string?)c.FindElement(By.ClassName("tag")).Text));
        Assert.StartsWith("12 images, each tagged with the best of: animal, vehicle, landscape", driver.FindElement(By.Id("tagging")).Text, StringComparison.Ordinal);
        ((IJavaScriptExecutor)driver).ExecuteScript("document.getElementById('gallery-section').scrollIntoView();");
        Screenshot(driver, "gallery-tags.png");

        // Text → images: the ranked cards are the API's ranking, each with its image loaded, and the query's cost.
        driver.FindElement(By.Id("q")).SendKeys("a red bicycle");
        driver.FindElement(By.Id("search-button")).Click();
        var cards = wait.Until(d => Cards(d) is { Count: 8 } c ? c : null)!;
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var expected = await ApiRankingAsync(http, "a red bicycle");
        Assert.Equal(expected, cards.Select(c => c.GetAttribute("data-image")));
        Assert.Equal(["#1", "#2", "#3", "#4", "#5", "#6", "#7", "#8"], cards.Select(c => c.FindElement(By.ClassName("rank")).Text));
        var scores = cards.Select(c => double.Parse(c.FindElement(By.ClassName("score")).Text, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        wait.Until(d => (bool)((IJavaScriptExecutor)d).ExecuteScript(
            "return [...document.querySelectorAll('#results img')].every(i => i.complete && i.naturalWidth === 640);")!);
        Assert.Equal("Images for “a red bicycle”", driver.FindElement(By.Id("results-title")).Text);
        Assert.Equal("4 tokens · ≈ $0.0000002 at $0.05 per million tokens · jina-clip-v1", driver.FindElement(By.Id("usage")).Text);
        Assert.EndsWith("/?q=a+red+bicycle", driver.Url, StringComparison.Ordinal);
        Screenshot(driver, "image-search-text.png");

        // Image → similar images: a gallery image finds itself first, with a cosine of 1.
        var upload = Path.Combine(AppContext.BaseDirectory, "sample-images", "snowman.jpg");
        driver.FindElement(By.Id("upload")).SendKeys(upload);
        wait.Until(d => d.FindElement(By.Id("results-title")).Text == "Images like snowman.jpg");
        cards = Cards(driver);
        Assert.Equal(8, cards.Count);
        Assert.Equal("snowman.jpg", cards[0].GetAttribute("data-image"));
        Assert.Equal("1.0000", cards[0].FindElement(By.ClassName("score")).Text);
        Assert.Equal(tags["snowman.jpg"], cards[0].FindElement(By.ClassName("tag")).Text);
        Assert.StartsWith($"Tagged: {tags["snowman.jpg"]} (", driver.FindElement(By.Id("query-tag")).Text, StringComparison.Ordinal); // the upload, tagged as the gallery's copy
        Assert.StartsWith("2,000 tokens", driver.FindElement(By.Id("usage")).Text, StringComparison.Ordinal);
        Screenshot(driver, "image-search-upload.png");

        // A file that is not an image: the problem's detail is shown on the page.
        var notImage = Path.Combine(Path.GetTempPath(), $"notes-{Guid.NewGuid():N}.jpg");
        await File.WriteAllTextAsync(notImage, "not an image", Ct);
        try
        {
            driver.FindElement(By.Id("upload")).SendKeys(notImage);
            wait.Until(d => d.FindElement(By.Id("error")).Displayed);
            Assert.Contains("is not an image the SDK recognises", driver.FindElement(By.Id("error")).Text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notImage);
        }

        // A deep link renders its results on load.
        driver.Navigate().GoToUrl(new Uri(app.BaseAddress, "/?q=red+bicycle"));
        wait.Until(d => d.FindElement(By.Id("results-title")).Text == "Images for “red bicycle”");
        Assert.Equal("red bicycle", driver.FindElement(By.Id("q")).GetAttribute("value"));
        Assert.Equal(await ApiRankingAsync(http, "red bicycle"), wait.Until(d => Cards(d) is { Count: 8 } c ? c : null)!.Select(c => c.GetAttribute("data-image")));
        Screenshot(driver, "image-search-deep-link.png");

        // The log shows indexing progress and never claims requests to the real API.
        Assert.Contains("Indexed 4/12 images", app.Log, StringComparison.Ordinal);
        Assert.Contains("Indexed 12/12 images", app.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("api.jina.ai", app.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageSearchPage_OnAFolderWithBadFiles_SaysHowManyWereSkipped_AndListsThemByName()
    {
        RequireChromium();
        using var folder = new TestSupport.MessyFolder();
        await using var app = await SampleWebApp.StartAsync(Ct, "--Gallery:Folder", folder.Path);
        using var driver = StartBrowser();
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));

        driver.Navigate().GoToUrl(app.BaseAddress);
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");

        Assert.StartsWith("25 images indexed, 5 skipped (listed below) with jina-clip-v1", driver.FindElement(By.Id("status")).Text, StringComparison.Ordinal);
        var details = driver.FindElement(By.Id("skipped"));
        Assert.True(details.Displayed);
        Assert.Equal("5 files of the folder not indexed", driver.FindElement(By.Id("skipped-count")).Text);
        driver.FindElement(By.Id("skipped-count")).Click(); // open the list
        var items = wait.Until(d => d.FindElements(By.CssSelector("#skipped-list li")) is { Count: 5 } li && li.All(x => x.Displayed) ? li : null)!;
        Assert.Equal(TestSupport.MessyFolder.Bad.Select(b => b.Name), items.Select(i => i.Text.Split(' ')[0]));
        Assert.Contains("is empty, or not a regular file", items.Single(i => i.Text.StartsWith("empty.jpg ", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
        Assert.All(items, i => Assert.DoesNotContain("(Parameter", i.Text, StringComparison.Ordinal));
        Screenshot(driver, "image-search-skipped.png");
    }

    private static List<IWebElement> Cards(IWebDriver driver) => [.. driver.FindElements(By.CssSelector("#results li.card"))];

    private static async Task<string[]> ApiRankingAsync(HttpClient http, string query)
    {
        var response = await http.PostAsJsonAsync("/api/gallery/search", new { query, top = 8 }, Ct);
        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return [.. json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("image").GetString()!)];
    }

    private static void Screenshot(IWebDriver driver, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder); // whichever test runs first
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(ScreenshotFolder, name));
    }

    private static ChromeDriver StartBrowser()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };

        // This machine has no network beyond loopback: no background connections, no first-run or sync traffic.
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1280,1100",
            $"--user-data-dir={Path.Combine(Path.GetTempPath(), $"jinaclip-chromium-{Guid.NewGuid():N}")}");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Chromium and ChromeDriver come from Debian's packages, which <c>.ci/run</c> installs. Without them the test is
    /// skipped on a developer's machine (saying how to install them) and fails in CI.
    /// </summary>
    private static void RequireChromium()
    {
        if (File.Exists(Chromium) && File.Exists(ChromeDriver))
        {
            return;
        }

        const string Missing = "Chromium and ChromeDriver are not installed: sudo apt-get install chromium chromium-driver (.ci/run installs them).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(Missing);
        }

        Assert.Skip(Missing);
    }
}
