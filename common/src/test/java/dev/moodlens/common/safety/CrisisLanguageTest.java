package dev.moodlens.common.safety;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrisisLanguageTest {

    @Test
    void findsTheListedPhrasesInTheirCommonForms() {
        assertEquals("kill myself", CrisisLanguage.find("Some days I want to kill myself.").get(0).phrase());
        assertEquals("end my life", CrisisLanguage.find("thinking about ending my life").get(0).phrase());
        assertEquals("suicide", CrisisLanguage.find("I had suicidal thoughts again").get(0).phrase());
        assertEquals("self-harm", CrisisLanguage.find("urges to self harm tonight").get(0).phrase());
        assertEquals("no reason to live", CrisisLanguage.find("There is No reason to live anymore").get(0).phrase());
        assertEquals("don't want to live", CrisisLanguage.find("I don\u2019t want to live like this").get(0).phrase());
        assertEquals("better off without me", CrisisLanguage.find("they'd be better off without me").get(0).phrase());
        assertEquals("better off without me", CrisisLanguage.find("everyone would be a bit lighter without me").get(0).phrase());
        assertEquals("what's the point", CrisisLanguage.find("Some nights I wonder what the point is.").get(0).phrase());
        assertEquals("better off dead", CrisisLanguage.find("I'd be better off dead").get(0).phrase());
    }

    @Test
    void reportsEveryMatchWithItsPosition() {
        String text = "suicide. and self-harm";
        var matches = CrisisLanguage.find(text);
        assertEquals(2, matches.size());
        assertEquals("suicide", text.substring(matches.get(0).start(), matches.get(0).end()));
        assertEquals("self-harm", text.substring(matches.get(1).start(), matches.get(1).end()));
    }

    @Test
    void ignoresOrdinaryText() {
        assertFalse(CrisisLanguage.mentions("I killed it at the presentation and my life feels good"));
        assertFalse(CrisisLanguage.mentions("The deadline is killing me"));
        assertFalse(CrisisLanguage.mentions("what's the point of this meeting"));
        assertFalse(CrisisLanguage.mentions("I can go on a run later"));
        assertFalse(CrisisLanguage.mentions(null));
        assertTrue(CrisisLanguage.find("").isEmpty());
    }

    @Test
    void helpTextPointsToProfessionalHelp() {
        assertTrue(CrisisLanguage.HELP_TEXT.contains("988"));
        assertTrue(CrisisLanguage.HELP_TEXT.contains("findahelpline.com"));
    }
}
