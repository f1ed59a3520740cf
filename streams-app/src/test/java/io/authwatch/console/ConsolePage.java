package io.authwatch.console;

import static org.awaitility.Awaitility.await;

import io.authwatch.deploy.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
