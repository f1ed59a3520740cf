package io.authwatch.console;

import static org.awaitility.Awaitility.await;

import io.authwatch.deploy.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The ops console in Debian's headless chromium, driven through Debian's chromedriver (no driver or
 * browser is downloaded): what a person sees and clicks, as a page object.
 */
public final class ConsolePage implements AutoCloseable {

    private final WebDriver driver;

    private ConsolePage(WebDriver driver) {
        this.driver = driver;
    }

    public static ConsolePage open(String url) {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(Tools.find("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1300,1600", "--lang=en-US");
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(Tools.find("chromedriver")).toFile()).usingAnyFreePort().build();
        final ConsolePage page = new ConsolePage(new ChromeDriver(service, options));
        page.driver.get(url);
        return page;
    }

    public String title() {
        return driver.getTitle();
    }

    /** The app ids of the top-apps table once it has rows (waits for the first poll). */
    public List<String> topApps(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> !driver.findElements(By.cssSelector("tr.app-row")).isEmpty());
        return driver.findElements(By.cssSelector("tr.app-row")).stream().map(r -> r.getAttribute("data-app")).toList();
    }

    /** Clicks an app in the table and waits for its drill-down. */
    public WebElement openApp(String appId) {
        driver.findElement(By.cssSelector("tr.app-row[data-app='" + appId + "'] button.app-link")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(By.id("drill")).isDisplayed()
                && appId.equals(driver.findElement(By.id("drill-app")).getText()));
        return driver.findElement(By.id("drill"));
    }

    /** The evidence timelines shown in the drill-down, one list of entries per violation. */
    public List<List<WebElement>> timelines() {
        return driver.findElements(By.cssSelector("#drill [data-testid=timeline]")).stream()
                .map(t -> t.findElements(By.tagName("li"))).toList();
    }

    /** The rows of the actions-in-force view once it has any: each row's app, tier and "time left" text. */
    public List<List<String>> actionsInForce(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> !driver.findElements(By.cssSelector("#actions li.action-row")).isEmpty());
        return driver.findElements(By.cssSelector("#actions li.action-row")).stream()
                .map(r -> List.of(r.getAttribute("data-app"), r.findElement(By.cssSelector(".badge")).getText(),
                        r.findElement(By.cssSelector(".time-left")).getText(), r.getText()))
                .toList();
    }

    /** The bars of the history chart once drawn: data-start, data-affected, data-rate, height, as strings. */
    public List<Map<String, String>> historyBars(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> !driver.findElements(By.cssSelector("#history-chart rect.bar")).isEmpty());
        return driver.findElements(By.cssSelector("#history-chart rect.bar")).stream()
                .map(b -> Map.of("start", b.getAttribute("data-start"), "affected", b.getAttribute("data-affected"),
                        "rate", b.getAttribute("data-rate"), "height", b.getAttribute("height")))
                .toList();
    }

    /** An attribute of the history chart's svg element. */
    public String chartAttribute(String name) {
        return driver.findElement(By.id("history-chart")).getAttribute(name);
    }

    /** The elements matching a CSS selector, by an attribute each. */
    public List<String> attributes(String cssSelector, String attribute) {
        return driver.findElements(By.cssSelector(cssSelector)).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** The texts of every time shown on the page. */
    public List<String> timesShown() {
        return driver.findElements(By.cssSelector("time.ts")).stream().map(WebElement::getText).toList();
    }

    /** Shows only the app's violations of {@code rule} ("" for every rule) and waits for the list to change. */
    public void filterByRule(String rule, int expectedTimelines) {
        ((JavascriptExecutor) driver).executeScript("var s = document.getElementById('rule-filter');"
                + " s.value = arguments[0]; s.dispatchEvent(new Event('change'));", rule);
        await().atMost(Duration.ofSeconds(10)).until(() -> timelines().size() == expectedTimelines);
    }

    /** Shows the page as a device {@code width} CSS pixels wide would (a phone when mobile), and reloads it. */
    public void emulate(int width, int height, boolean mobile) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        driver.navigate().refresh();
    }

    /** The document's scroll width and its viewport width, in CSS pixels. */
    public long[] widths() {
        final Object[] w = ((java.util.List<?>) ((JavascriptExecutor) driver).executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth];"))
                .toArray();
        return new long[] {((Number) w[0]).longValue(), ((Number) w[1]).longValue(), ((Number) w[2]).longValue()};
    }

    public boolean isVisible(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    public void enterToken(String token) {
        driver.findElement(By.id("token-input")).sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button")).click();
    }

    public String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    /** Saves a PNG of the page as it is now, scrolled to the drill-down when one is open. */
    public Path screenshot(Path file) throws IOException {
        final WebElement drill = driver.findElement(By.id("drill"));
        if (drill.isDisplayed()) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", drill);
        }
        return save(file);
    }

    /** Saves a PNG of the page scrolled to the element with {@code id}. */
    public Path screenshotAt(String id, Path file) throws IOException {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.id(id)));
        return save(file);
    }

    /** Saves a PNG of the whole page, beyond the viewport. */
    public Path fullPageScreenshot(Path file) throws IOException {
        final Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    private Path save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
