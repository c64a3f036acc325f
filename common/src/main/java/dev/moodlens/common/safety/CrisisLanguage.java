package dev.moodlens.common.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds language that can signal a crisis (suicidal thoughts, self-harm) in a text, so that the
 * analysis and chat services can always answer it with a pointer to professional help.
 * <p>
 * It is a deliberately simple, high-recall phrase matcher: a false alarm costs a help notice, a miss
 * costs far more. It is not a diagnosis and does not try to be one.
 */
public final class CrisisLanguage {

    /** Shown wherever crisis language is detected. */
    public static final String HELP_TEXT = "If you are in crisis or thinking about harming yourself, please reach out now: "
            + "call or text 988 (US) or your local emergency number; findahelpline.com lists free, confidential "
            + "services worldwide. Talking to a doctor, therapist or someone you trust can help.";

    /** Phrases (regular expressions over lower-cased text, matched at word boundaries), each with a readable name. */
    private static final List<Phrase> PHRASES = List.of(
            new Phrase("kill myself", "kill(?:ing|ed)?\\s+my\\s*self"),
            new Phrase("end my life", "end(?:ing)?\\s+(?:it\\s+all|my\\s+(?:own\\s+)?life)"),
            new Phrase("take my own life", "tak(?:e|ing)\\s+my\\s+(?:own\\s+)?life"),
            new Phrase("suicide", "suicid(?:e|al|ality)"),
            new Phrase("self-harm", "self[-\\s]?harm(?:ing)?"),
            new Phrase("hurt myself", "(?:hurt|harm|cut)(?:ting|ing)?\\s+my\\s*self"),
            new Phrase("no reason to live", "no\\s+(?:reason|point)\\s+(?:to|in)\\s+(?:live|living|go(?:ing)?\\s+on)"),
            new Phrase("want to die", "(?:want|wanted|wish)\\s+(?:to\\s+die|i\\s+(?:was|were)\\s+dead)"),
            new Phrase("better off dead", "better\\s+off\\s+dead"),
            new Phrase("better off without me", "(?:better|lighter|easier|happier)(?:\\s+off)?\\s+without\\s+me(?:\\s+around)?"),
            new Phrase("what's the point", "(?:wonder(?:ing)?\\s+what\\s+the\\s+point\\s+is|what(?:'s|\\s+is)\\s+the\\s+point\\s+(?:of\\s+(?:living|anything|it\\s+all|going\\s+on)|anymore))"),
            new Phrase("can't go on", "can(?:'t|not)\\s+go\\s+on(?:\\s+like\\s+this)?"),
            new Phrase("not wake up", "(?:never|not|wouldn'?t|didn'?t)\\s+wake\\s+up\\s+(?:again|tomorrow)|wish\\s+i\\s+(?:could\\s+)?disappear"),
            new Phrase("don't want to live", "(?:don'?t|do\\s+not)\\s+want\\s+to\\s+(?:live|be\\s+alive|wake\\s+up)"));

    private static final Pattern ANY;

    static {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < PHRASES.size(); i++) {
            all.append(i == 0 ? "" : "|").append("(?<p").append(i).append(">").append(PHRASES.get(i).regex()).append(")");
        }
        ANY = Pattern.compile("\\b(?:" + all + ")\\b");
    }

    private CrisisLanguage() {
    }

    /** One match: the phrase's readable name and where it occurs in the text. */
    public record Match(String phrase, int start, int end) {
    }

    /** Every crisis phrase found in {@code text}, in order of occurrence; empty when none or text is null. */
    public static List<Match> find(String text) {
        List<Match> matches = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return matches;
        }
        // Typographic apostrophes are common in typed text; lower-casing keeps offsets for these scripts.
        Matcher m = ANY.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        while (m.find()) {
            for (int i = 0; i < PHRASES.size(); i++) {
                if (m.group("p" + i) != null) {
                    matches.add(new Match(PHRASES.get(i).name(), m.start(), m.end()));
                    break;
                }
            }
        }
        return matches;
    }

    /** True when the text contains any crisis phrase. */
    public static boolean mentions(String text) {
        return text != null && ANY.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\'')).find();
    }

    /** The readable names of the phrases that can be detected. */
    public static List<String> phrases() {
        return PHRASES.stream().map(Phrase::name).toList();
    }

    private record Phrase(String name, String regex) {
    }
}
