package dev.moodlens.reading;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredBreakIteratorBuilder;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into sentences with ICU's sentence BreakIterator (Unicode UAX #29 rules, line and
 * paragraph breaks included) wrapped with ICU's English abbreviation filter, so that "Dr. Patel" or
 * "Mr. Smith" do not end a sentence (plus {@link #MORE_ABBREVIATIONS}). Whitespace around a sentence is left out of its span; a piece
 * with no letter or digit (an emoticon, "...") joins the sentence before it (or, at the start, the one
 * after it), so it never stands as a sentence of its own. Thread-safe: each call clones the iterator.
 */
public final class SentenceSplitter {

    /** Titles and short forms ICU's English list lacks that journals use before a name or a word, never at a sentence end. */
    static final List<String> MORE_ABBREVIATIONS = List.of("Dr.", "Prof.", "St.", "Mt.", "Jr.", "Sr.", "vs.", "e.g.", "i.e.", "appt.");

    private final BreakIterator prototype;

    public SentenceSplitter() {
        FilteredBreakIteratorBuilder filter = FilteredBreakIteratorBuilder.getInstance(ULocale.ENGLISH);
        MORE_ABBREVIATIONS.forEach(filter::suppressBreakAfter);
        this.prototype = filter.wrapIteratorWithFilter(BreakIterator.getSentenceInstance(ULocale.ENGLISH));
    }

    /** The sentences of {@code text}, in order; none for a text without a letter or digit. */
    public List<Sentence> split(String text) {
        BreakIterator it = (BreakIterator) prototype.clone();
        it.setText(text);
        List<Sentence> out = new ArrayList<>();
        int pendingStart = -1; // a leading piece with no word, waiting for the first sentence
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (s == e) {
                continue;
            }
            int words = words(text, s, e);
            if (words == 0) {
                if (out.isEmpty()) {
                    pendingStart = pendingStart < 0 ? s : pendingStart;
                } else {
                    Sentence last = out.remove(out.size() - 1);
                    out.add(new Sentence(last.start(), e, last.words()));
                }
                continue;
            }
            out.add(new Sentence(pendingStart >= 0 ? pendingStart : s, e, words));
            pendingStart = -1;
        }
        return out;
    }

    /** Runs of letters or digits in text[start, end). */
    static int words(String text, int start, int end) {
        int words = 0;
        boolean inWord = false;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            boolean wordChar = Character.isLetterOrDigit(cp);
            if (wordChar && !inWord) {
                words++;
            }
            inWord = wordChar;
            i += Character.charCount(cp);
        }
        return words;
    }
}
