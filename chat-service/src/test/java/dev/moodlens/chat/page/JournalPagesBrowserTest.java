package dev.moodlens.chat.page;

import dev.moodlens.chat.StandInJournal;
import dev.moodlens.chat.StandInServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The journal and insights pages in Debian's headless Chromium, driven as a user would: sign in, write,
 * edit, delete and undo, import a bad file and good ones, search, page through the sample journal
 * (deploy/sample), jump to a date, open the insights and a trait's evidence; an empty account, entries being
 * scored, too few days for a forecast and the analysis service down; markup in an entry shown as text.
 * Screenshots of both pages at desktop and phone width go to target/screenshots (the README shows them from
 * docs/screenshots). The analysis service is the in-memory stand-in (StandInJournal).
 */
@QuarkusTest
@WithTestResource(StandInServers.class)
class JournalPagesBrowserTest {

    private static final String PASSWORD = "journal password 1";
    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private static final Path SAMPLE = Path.of("..", "deploy", "sample", "demo-journal.jsonl");

    @TestHTTPResource("/")
    URL base;

    private PageBrowser browser;

    @BeforeEach
    void openBrowser() throws IOException {
        assumeTrue(PageBrowser.available(), "Debian's chromium and chromium-driver are not installed");
        StandInServers.reset();
        browser = new PageBrowser();
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.screenshot("last-state-pages.png");
            Files.writeString(PageBrowser.SCREENSHOTS.resolve("last-state-pages.html"), browser.driver.getPageSource());
            browser.close();
        }
    }

    @Test
    void aNewAccountWritesEditsDeletesImportsAndSearches() throws Exception {
        var driver = browser.driver;
        WebDriverWait wait = browser.waiting(20);
        String user = "new-" + UUID.randomUUID().toString().substring(0, 6);
        browser.register(base.toString(), user, PASSWORD);

        // One navigation: from the chat to the journal; an empty journal says what to do first.
        driver.findElement(By.linkText("Journal")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("journal-empty")));
        assertEquals("page", driver.findElement(By.cssSelector(".site-nav a[href='/journal.html']")).getAttribute("aria-current"));
        browser.screenshot("journal-empty.png");
        driver.findElement(By.linkText("Insights")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("insights-empty")));
        assertTrue(driver.findElement(By.id("insights-empty")).getText().contains("Journal"));
        driver.findElement(By.linkText("Journal")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("journal-empty")));

        // Markup in an entry (text and title) is shown as text and runs nothing.
        write(wait, MARKUP, "<b>not bold</b>", "test, markup");
        wait.until(d -> count() == 1);
        WebElement first = driver.findElement(By.cssSelector("#entries .entry-card"));
        assertEquals(MARKUP, first.findElement(By.cssSelector(".entry-text")).getText());
        assertEquals("<b>not bold</b>", first.findElement(By.cssSelector("h3")).getText());
        assertEquals(0L, driver.executeScript("return document.querySelectorAll('#entries img, #entries b').length"));

        // The sentences that carried the mood are highlighted (the entry JSON has per-sentence results).
        write(wait, "A lovely calm day by the sea. Work was hard.", "", "");
        wait.until(d -> count() == 2);
        WebElement lovely = card("A lovely calm day");
        assertEquals(List.of("A lovely calm day by the sea."),
                lovely.findElements(By.cssSelector("mark.carries")).stream().map(WebElement::getText).toList());
        assertTrue(lovely.findElement(By.cssSelector(".chip.mood")).getText().startsWith("mood +"));

        // Edit, then delete with undo, then delete for good.
        card(MARKUP).findElement(By.xpath(".//button[text()='Edit']")).click();
        WebElement text = driver.findElement(By.id("editor-text"));
        assertEquals(MARKUP, text.getAttribute("value"));
        text.clear();
        text.sendKeys("Edited: <script>window.pwned=1</script> still text");
        driver.findElement(By.id("editor-save")).click();
        wait.until(d -> !d.findElements(By.xpath("//p[contains(@class,'entry-text')][starts-with(.,'Edited: <script>')]")).isEmpty());
        assertEquals(Boolean.TRUE, driver.executeScript("return window.pwned === undefined"));

        card("Edited:").findElement(By.xpath(".//button[text()='Delete']")).click();
        wait.until(d -> count() == 1 && d.findElement(By.id("toast")).isDisplayed());
        assertEquals(1, StandInJournal.size(user));
        WebElement undo = driver.findElement(By.id("toast-undo"));
        assertEquals(undo, driver.switchTo().activeElement(), "Undo takes the focus");
        undo.click();
        wait.until(d -> count() == 2);
        assertEquals(2, StandInJournal.size(user));
        card("Edited:").findElement(By.xpath(".//button[text()='Delete']")).click();
        wait.until(d -> count() == 1);

        // A bad file is refused as a whole, naming its line; nothing is stored.
        Path bad = file("bad.jsonl", """
                {"text": "Fine first line", "writtenAt": "2026-11-01T08:00:00Z"}
                {"text": "Second line", "writtenAt": "soon"}
                """);
        driver.findElement(By.id("import-file")).sendKeys(bad.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "line 2"));
        String refused = driver.findElement(By.id("import-status")).getText();
        assertTrue(refused.contains("nothing was stored") && refused.contains("writtenAt"), refused);
        assertEquals(1, StandInJournal.size(user));

        // A good CSV file; its entries stay "being scored" until the scoring is done, with progress.
        StandInJournal.scoring = false;
        Path csv = file("good.csv", """
                text,writtenAt,title,tags
                Long walk in the park and a good talk with Sam.,2026-11-02T18:00:00Z,Park,walk;friends
                Deadline stress again and I slept badly.,2026-11-03T22:00:00Z,,work
                Another walk before work felt great.,2026-11-04T07:30:00Z,Morning,walk
                """);
        driver.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "Imported 3 entries"));
        wait.until(d -> count() == 4);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scoring")));
        assertTrue(driver.findElement(By.id("scoring-text")).getText().contains("1 of 4 done"),
                driver.findElement(By.id("scoring-text")).getText());
        assertEquals(3, driver.findElements(By.cssSelector("#entries .chip.pending")).size());
        StandInJournal.scoreAll();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("scoring")));
        wait.until(d -> d.findElements(By.cssSelector("#entries .chip.pending")).isEmpty());

        // Search by text and by tag (a tag button filters too), then everything again.
        search("calm", "", "");
        wait.until(d -> count() == 1 && card("A lovely calm day") != null);
        search("", "walk", "");
        wait.until(d -> count() == 2);
        assertTrue(driver.findElement(By.id("entries-count")).getText().startsWith("2 matching"));
        driver.findElement(By.id("search-clear")).click();
        wait.until(d -> count() == 4);
        card("Deadline stress").findElement(By.cssSelector(".tag-button")).click();
        wait.until(d -> count() == 1);
        driver.findElement(By.id("search-clear")).click();
        wait.until(d -> count() == 4);

        // Export hands over the journal as JSON Lines.
        driver.findElement(By.id("export")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "Exported your journal"));

        // Insights of four days: charts, but no forecast yet, and why.
        driver.findElement(By.linkText("Insights")).click();
        rendered(wait);
        String note = driver.findElement(By.id("forecast-note")).getText();
        assertTrue(note.startsWith("No forecast yet") && note.contains("at least 5 days"), note);
        assertTrue(driver.findElement(By.id("disclaimer")).getText().contains("not a diagnosis"));
        assertTrue(driver.findElement(By.id("disclaimer")).isDisplayed());

        // Entries still to be scored: the insights say how many, and draw the scored ones.
        StandInJournal.scoring = false;
        driver.findElement(By.linkText("Journal")).click();
        write(wait, "A sad and lonely evening.", "", "");
        wait.until(d -> count() == 5);
        driver.findElement(By.linkText("Insights")).click();
        rendered(wait);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scoring")));
        // the progress shown while the analyses were computed gives way to what they say once their count is in
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scoring-text"), "1 of 5 entries are not scored yet"));
        assertTrue(driver.findElement(By.id("scoring-text")).getText().startsWith("1 of 5 entries are not scored yet"),
                driver.findElement(By.id("scoring-text")).getText());

        // The analysis service down: its problem detail, not a blank chart.
        StandInServers.analysisDown = true;
        StandInServers.analysisDownDetail = "the database is unavailable right now";
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("insights-error")));
        assertTrue(driver.findElement(By.id("insights-error")).getText().contains("the database is unavailable right now"));
        assertNoPolicyViolations();
    }

    @Test
    void theSampleJournalPagesThroughAndItsInsightsOpenTheirEvidence() throws Exception {
        var driver = browser.driver;
        WebDriverWait wait = browser.waiting(30);
        String user = "sample-" + UUID.randomUUID().toString().substring(0, 6);
        browser.register(base.toString(), user, PASSWORD);
        driver.get(base + "journal.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("journal-empty")));
        driver.findElement(By.id("import-file")).sendKeys(SAMPLE.toAbsolutePath().normalize().toString());
        long lines = Files.readAllLines(SAMPLE).stream().filter(l -> !l.isBlank()).count();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "Imported " + lines + " entries"));
        int pages = (int) Math.ceil(lines / 10.0);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 1 of " + pages));

        // Newest first, page after page.
        List<String> firstPage = dates();
        assertEquals(10, firstPage.size());
        assertEquals(firstPage.stream().sorted(java.util.Comparator.reverseOrder()).toList(), firstPage);
        driver.findElement(By.id("older")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 2 of " + pages));
        List<String> secondPage = dates();
        assertTrue(secondPage.get(0).compareTo(firstPage.get(9)) <= 0, secondPage.get(0) + " after " + firstPage.get(9));
        driver.findElement(By.id("older")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 3 of " + pages));
        driver.findElement(By.id("newer")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 2 of " + pages));
        assertEquals(secondPage, dates());

        // A date jump: the entries up to that day, newest first.
        search("", "", "2026-09-01");
        wait.until(d -> !dates().isEmpty() && dates().get(0).compareTo("2026-09-02") < 0);
        assertTrue(driver.getCurrentUrl().contains("to=2026-09-01"), driver.getCurrentUrl());
        driver.findElement(By.id("search-clear")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 1 of " + pages));

        browser.screenshot("journal-desktop.png");
        browser.size(PageBrowser.PHONE);
        assertFitsTheWidth(PageBrowser.PHONE.width);
        browser.screenshot("journal-phone.png");
        browser.size(PageBrowser.DESKTOP);

        // Insights: three charts, each with a text equivalent, the forecast marked, the disclaimer shown.
        driver.findElement(By.linkText("Insights")).click();
        rendered(wait);
        for (String chart : List.of("mood-chart", "emotions-chart", "traits-chart")) {
            String label = driver.findElement(By.id(chart)).getAttribute("aria-label");
            assertTrue(label != null && label.length() > 40, chart + ": " + label);
        }
        assertTrue(driver.findElements(By.cssSelector("#mood-table tbody tr")).size() > 10);
        assertTrue(driver.findElements(By.cssSelector("#emotions-table tbody tr")).size() >= 3);
        assertTrue(driver.findElement(By.id("forecast-note")).getText().contains("a forecast, not a measurement"));
        assertTrue(driver.findElement(By.id("mood-summary")).getText().contains("Forecast for the next 14 days"));
        assertEquals(Boolean.TRUE, driver.executeScript("return Chart.getChart('mood-chart').data.datasets"
                + ".some(d => d.label === 'Forecast: 80% interval') && Chart.getChart('mood-chart').data.datasets"
                + ".some(d => d.label === 'Forecast: 95% interval')"));
        assertFalse(driver.findElement(By.id("scoring")).isDisplayed());
        browser.screenshot("insights-desktop.png");

        // A trait's evidence, opened with the keyboard, leads to its entry in the journal.
        List<WebElement> traits = driver.findElements(By.cssSelector("#traits .trait"));
        assertEquals(5, traits.size());
        WebElement toggle = traits.get(0).findElement(By.tagName("button"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].focus()", toggle);
        toggle.sendKeys(Keys.ENTER);
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        List<WebElement> evidence = traits.get(0).findElements(By.cssSelector(".evidence-item"));
        assertEquals(3, evidence.size());
        String excerpt = evidence.get(0).findElement(By.cssSelector(".excerpt")).getText();
        assertFalse(excerpt.isBlank());
        browser.screenshot("insights-evidence.png");
        evidence.get(0).findElement(By.linkText("Open in the journal")).click();
        wait.until(ExpectedConditions.urlContains("journal.html?entry="));
        wait.until(d -> count() == 1);
        assertTrue(excerpt.startsWith(driver.findElement(By.cssSelector("#entries .entry-text")).getText().substring(0, 40)));

        driver.navigate().back();
        rendered(wait);
        browser.size(PageBrowser.PHONE);
        driver.executeScript("window.scrollTo(0, 0)");
        assertFitsTheWidth(PageBrowser.PHONE.width);
        browser.screenshot("insights-phone.png");
        browser.size(PageBrowser.DESKTOP);
        browser.colorScheme("dark");
        driver.navigate().refresh();
        rendered(wait);
        browser.screenshot("insights-dark.png");
        assertNoPolicyViolations();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void write(WebDriverWait wait, String text, String title, String tags) {
        var driver = browser.driver;
        driver.findElement(By.id("write")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-text")));
        driver.findElement(By.id("editor-text")).sendKeys(text);
        if (!title.isEmpty()) driver.findElement(By.id("editor-title-input")).sendKeys(title);
        if (!tags.isEmpty()) driver.findElement(By.id("editor-tags")).sendKeys(tags);
        driver.findElement(By.id("editor-save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("editor")));
    }

    private void search(String text, String tag, String date) {
        var driver = browser.driver;
        driver.findElement(By.id("search-text")).clear();
        driver.findElement(By.id("search-text")).sendKeys(text);
        driver.findElement(By.id("search-tag")).clear();
        driver.findElement(By.id("search-tag")).sendKeys(tag);
        // A date input's typing order follows the locale: set the ISO value, as the date picker would.
        driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("search-date")), date);
        driver.findElement(By.cssSelector("#search button[type=submit]")).click();
    }

    private int count() {
        return browser.driver.findElements(By.cssSelector("#entries .entry-card")).size();
    }

    private WebElement card(String textStart) {
        return browser.driver.findElements(By.cssSelector("#entries .entry-card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".entry-text")).getText().startsWith(textStart))
                .findFirst().orElseThrow(() -> new AssertionError("no entry starting with " + textStart));
    }

    private List<String> dates() {
        // Read in one go: the list may be redrawn between two element lookups.
        @SuppressWarnings("unchecked")
        List<String> dates = (List<String>) browser.driver.executeScript(
                "return [...document.querySelectorAll('#entries time')].map(t => t.dateTime)");
        return dates;
    }

    private void rendered(WebDriverWait wait) {
        wait.until(d -> "false".equals(d.findElement(By.id("app")).getAttribute("aria-busy")));
    }

    private void assertFitsTheWidth(int width) {
        // The charts re-lay themselves out after a resize (a ResizeObserver callback, a frame later): wait
        // for the layout to settle before reading the page's width.
        try {
            browser.waiting(5).until(d -> ((Number) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth")).intValue() <= width);
        } catch (org.openqa.selenium.TimeoutException stillWide) {
            // the assertion below reports what is too wide
        }
        Object scroll = browser.driver.executeScript("return document.documentElement.scrollWidth");
        Object wide = browser.driver.executeScript("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > arguments[0] + 1)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)", width);
        assertTrue(((Number) scroll).intValue() <= width, "the page is " + scroll + " px wide on a " + width + " px screen: " + wide);
    }

    private void assertNoPolicyViolations() {
        List<String> violations = browser.console().stream().filter(m -> m.contains("Content-Security-Policy")
                || m.contains("Content Security Policy")).toList();
        assertTrue(violations.isEmpty(), violations.toString());
    }

    private static Path file(String name, String content) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "page-files"));
        return Files.writeString(dir.resolve(name), content);
    }
}
