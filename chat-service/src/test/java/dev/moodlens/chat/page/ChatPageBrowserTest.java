package dev.moodlens.chat.page;

import dev.moodlens.chat.StandInServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in Debian's headless Chromium: send a message, watch the reply stream in, check that
 * markup in a reply is shown as text, add a journal entry, reload, and save screenshots under
 * target/screenshots. Skipped where /usr/bin/chromium or /usr/bin/chromedriver is absent.
 */
@QuarkusTest
@WithTestResource(StandInServers.class)
class ChatPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "page password 1";

    @TestHTTPResource("/")
    URL page;

    private WebDriver driver;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed");
        StandInServers.reset();
        // Selenium Manager must not look for or download a driver: both paths are given explicitly.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("moodlens-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,860", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (driver != null) {
            // Whatever happened, the last state of the page is kept for a look.
            screenshot("last-state.png");
            Files.writeString(SCREENSHOTS.resolve("last-state.html"), driver.getPageSource());
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void chatsStreamsShowsMarkupAsTextAndKeepsHistory() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        String user = "page-" + UUID.randomUUID().toString().substring(0, 6);
        driver.get(page.toString());
        signIn(wait, user);

        // 1. A reply streams in: the model stand-in holds after two tokens, and the page shows them.
        CountDownLatch hold = new CountDownLatch(1);
        StandInServers.modelHold = hold;
        send("Work was exhausting and I feel sad and tired today.");
        WebElement reply = lastBubble("assistant");
        wait.until(d -> reply.getText().strip().equals("I hear"));
        assertFalse(driver.findElement(By.id("send")).isEnabled(), "the page is still receiving the reply");
        hold.countDown();
        wait.until(d -> reply.getText().equals(String.join("", StandInServers.MODEL_TOKENS)));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        WebElement chip = driver.findElement(By.cssSelector(".message.user .chip"));
        assertTrue(chip.getText().startsWith("sadness"), chip.getText());
        assertTrue(chip.getAttribute("class").contains("sadness"));

        // 2. Markup in a reply is text, never HTML.
        send("Can you show me a script tag?");
        WebElement markup = lastBubble("assistant");
        wait.until(d -> markup.getText().endsWith("done."));
        assertEquals(StandInServers.SCRIPT_REPLY, markup.getText());
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertEquals(Boolean.TRUE, js.executeScript("return window.pwned === undefined"));
        assertEquals(0L, js.executeScript("return document.querySelectorAll('#messages script, #messages b').length"));
        // The page runs under a strict Content-Security-Policy (its own script and style only) and still works.
        assertTrue(io.restassured.RestAssured.get(page.toString()).header("Content-Security-Policy").contains("script-src 'self'"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));

        // 3. The model fails: the offline responder answers and the page says so.
        StandInServers.modelFailures.addAll(List.of(429, 500, 500));
        send("I am worried about the deadline tomorrow.");
        wait.until(d -> !d.findElements(By.cssSelector(".message.assistant:last-child .tag.offline")).isEmpty());
        assertTrue(lastBubble("assistant").getText().startsWith("(Offline responder:"));
        WebElement banner = driver.findElement(By.id("banner"));
        assertTrue(banner.isDisplayed() && banner.getText().contains("offline responder"), banner.getText());

        // 4. A journal entry from the page reaches the analysis service.
        driver.findElement(By.cssSelector("#entry-details summary")).click();
        driver.findElement(By.id("entry-title")).sendKeys("Evening walk");
        driver.findElement(By.id("entry-text")).sendKeys("Walked by the river <i>and</i> felt calmer.");
        driver.findElement(By.cssSelector("#entry-form button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("entry-status"), "Saved to your journal."));
        assertEquals("Walked by the river <i>and</i> felt calmer.", StandInServers.addedEntries.get(0).path("text").asText());
        assertTrue(driver.findElements(By.cssSelector("#sparkline polyline")).size() == 1, "the sparkline is drawn");
        assertTrue(driver.findElement(By.id("journal-stats")).getText().contains("declining"));
        driver.findElement(By.cssSelector("#entry-details summary")).click();

        screenshot("chat-page.png");

        // 5. A reload shows the same conversation, from the server.
        driver.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector("#messages .message")).size() == 6);
        assertEquals(StandInServers.SCRIPT_REPLY, driver.findElements(By.cssSelector("#messages .message.assistant .bubble")).get(1).getText());
        assertEquals(1, driver.findElements(By.cssSelector("#conversations button")).size());
        assertEquals(3, driver.findElements(By.cssSelector("#messages .message.user .chip")).size());

        // 6. A narrow screen stacks the chat above the journal.
        driver.manage().window().setSize(new Dimension(420, 900));
        screenshot("chat-page-narrow.png");
    }

    /** Registers, logs out, is refused with a wrong password, then logs in: the page shows the user's journal. */
    private void signIn(WebDriverWait wait, String user) throws IOException {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-user")));
        assertFalse(driver.findElement(By.id("app")).isDisplayed(), "nothing of the app before signing in");
        screenshot("sign-in.png");
        driver.findElement(By.id("auth-user")).sendKeys(user);
        driver.findElement(By.id("auth-password")).sendKeys(PASSWORD);
        driver.findElement(By.id("register")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("journal-stats"), "entries"));
        assertEquals(user, driver.findElement(By.id("signed-in-user")).getText());

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-user")));
        driver.findElement(By.id("auth-user")).clear();
        driver.findElement(By.id("auth-user")).sendKeys(user);
        driver.findElement(By.id("auth-password")).sendKeys("not the password");
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auth-status"), "wrong password"));
        assertFalse(driver.findElement(By.id("app")).isDisplayed());

        driver.findElement(By.id("auth-password")).clear();
        driver.findElement(By.id("auth-password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("journal-stats"), "entries"));
    }

    private void send(String text) {
        WebElement input = driver.findElement(By.id("message"));
        input.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    private WebElement lastBubble(String role) {
        List<WebElement> bubbles = driver.findElements(By.cssSelector("#messages .message." + role + " .bubble"));
        return bubbles.get(bubbles.size() - 1);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
