package dev.moodlens.chat.llm;

import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a supportive reply without any model: it reflects the emotion found in the message, quotes
 * a little of what the person wrote, grounds itself in their journal (trend, mean mood, frequent
 * emotions, a relevant entry, risk signals) and ends with one gentle, emotion-specific question.
 * Each part has several phrasings; the random source picks among them.
 */
public final class OfflineReplyWriter {

    private static final Map<String, List<String>> OPENINGS = Map.of(
            "sadness", List.of(
                    "It sounds like today has been heavy.",
                    "I can hear a lot of sadness in what you wrote.",
                    "That sounds really hard to carry."),
            "anger", List.of(
                    "It sounds like something really got under your skin.",
                    "I can hear how frustrated you are.",
                    "That sounds genuinely maddening."),
            "fear", List.of(
                    "It sounds like something is making you anxious.",
                    "I can hear worry in what you wrote.",
                    "That sounds unsettling."),
            "joy", List.of(
                    "It sounds like something went well, and that's good to hear.",
                    "I can hear some brightness in what you wrote.",
                    "That sounds like a good moment."),
            "love", List.of(
                    "It sounds like someone or something matters a lot to you right now.",
                    "I can hear warmth in what you wrote.",
                    "That sounds like a connection worth holding on to."),
            "surprise", List.of(
                    "It sounds like something caught you off guard.",
                    "That sounds unexpected.",
                    "I can hear that this took you by surprise."));

    private static final Map<String, List<String>> QUESTIONS = Map.of(
            "sadness", List.of(
                    "Would it help to name one small thing that could make the rest of today a little gentler?",
                    "Is there someone you could reach out to, even briefly, today?",
                    "What do you think you need most right now: rest, company, or to get it off your chest?"),
            "anger", List.of(
                    "What would you most want the other side to understand?",
                    "Once the heat settles, what outcome would feel fair to you?",
                    "What usually helps you let off steam without it costing you?"),
            "fear", List.of(
                    "What is the part that worries you most?",
                    "Which of these worries is in your hands, and which isn't?",
                    "What would a good-enough outcome look like?"),
            "joy", List.of(
                    "What made it go well, and is it something you could do again?",
                    "Who would you like to share this with?",
                    "How could you keep a bit of this feeling for the coming days?"),
            "love", List.of(
                    "What would you like them to know?",
                    "How could you nurture this in the coming days?",
                    "What does this connection give you that you want more of?"),
            "surprise", List.of(
                    "How are you feeling about it now that it has sunk in a bit?",
                    "Does it change any of your plans?",
                    "Was it a good surprise, a hard one, or a bit of both?"));

    private static final List<String> NEUTRAL_OPENINGS = List.of(
            "Thank you for telling me about this.",
            "I'm glad you wrote this down.",
            "Thanks for sharing how things are going.");

    private static final List<String> NEUTRAL_QUESTIONS = List.of(
            "How are you feeling about it right now?",
            "What would make the rest of your day feel a bit better?",
            "Is there anything about it you'd like to think through together?");

    private OfflineReplyWriter() {
    }

    private static final List<String> CRISIS_OPENINGS = List.of(
            "I'm really sorry you're feeling this way, and I'm glad you told me.",
            "Thank you for trusting me with something this heavy.",
            "I'm so sorry it hurts this much right now.");

    private static final List<String> CRISIS_QUESTIONS = List.of(
            "Is there someone you could contact right now: a friend, someone in your family, or one of the services above?",
            "Would you be willing to reach out to one of the services above, or to someone you trust, today?");

    /** Below this, the top emotion is a guess and the reply does not name it. */
    static final double EMOTION_CONFIDENCE = 0.5;
    /** A sentiment at least this sure overrides an emotion of the opposite polarity. */
    static final double SENTIMENT_CONFIDENCE = 0.75;

    public static String write(ReplyGrounding grounding, Random random) {
        if (grounding.crisis()) {
            return crisisReply(grounding, random);
        }
        List<String> parts = new ArrayList<>();
        String emotion = emotionOf(grounding.analysis());
        parts.add(pick(emotion == null ? NEUTRAL_OPENINGS : OPENINGS.getOrDefault(emotion, NEUTRAL_OPENINGS), random));
        String quote = quoteOf(grounding.message());
        if (quote != null) {
            parts.add(pick(upbeat(emotion)
                    ? List.of(
                    "\u201c" + quote + "\u201d: that's lovely to hear.",
                    "You wrote \u201c" + quote + "\u201d, and that's worth savouring.")
                    : List.of(
                    "You wrote \u201c" + quote + "\u201d, and that deserves attention.",
                    "\u201c" + quote + "\u201d: thank you for putting that into words.",
                    "I'm taking \u201c" + quote + "\u201d seriously."), random));
        }
        parts.addAll(journalLines(grounding.journal(), emotion, random));
        parts.add(pick(emotion == null ? NEUTRAL_QUESTIONS : QUESTIONS.getOrDefault(emotion, NEUTRAL_QUESTIONS), random));
        return String.join(" ", parts);
    }

    private static List<String> journalLines(JournalContext journal, String emotion, Random random) {
        List<String> lines = new ArrayList<>();
        if (journal == null) {
            return lines;
        }
        if (journal.entryCount() == 0) {
            lines.add(pick(List.of(
                    "Your journal is still empty; a few lines now and then would help me see how things change for you.",
                    "Once you add a few journal entries, I can connect today with how your weeks have been going."), random));
            return lines;
        }
        String mood = journal.recentMood() == null ? "" : String.format(Locale.ROOT, " (mean mood %+.2f on a -1 to 1 scale)", journal.recentMood());
        boolean upbeat = upbeat(emotion);
        switch (journal.trend() == null ? "unknown" : journal.trend()) {
            case "declining" -> lines.add(upbeat
                    ? pick(List.of(
                    "That's especially good to hear, because your journal has been trending down lately" + mood + ".",
                    "Your recent entries have been heavier" + mood + ", so a moment like this really counts."), random)
                    : pick(List.of(
                    "Your journal has been trending down over the last two weeks" + mood + ", so this may be part of a longer stretch rather than one bad day.",
                    "Looking at your recent entries, your mood has been dipping" + mood + "; it makes sense if things feel heavier lately."), random));
            case "improving" -> lines.add(upbeat
                    ? pick(List.of(
                    "It fits your journal, which has been trending up lately" + mood + ".",
                    "Your recent entries show things getting better too" + mood + "."), random)
                    : pick(List.of(
                    "Your journal has been trending up lately" + mood + ", which is worth remembering on a harder day.",
                    "Your recent entries show things getting better" + mood + "; that progress is still real today."), random));
            case "stable" -> lines.add(pick(List.of(
                    "Your mood in the journal has been fairly steady recently" + mood + ".",
                    "Across your recent entries things have been fairly even" + mood + "."), random));
            default -> {
                if (journal.recentMood() != null) {
                    lines.add(String.format(Locale.ROOT, "Your recent entries average a mood of %+.2f on a -1 to 1 scale.", journal.recentMood()));
                }
            }
        }
        List<String> dominant = journal.dominantEmotions() == null ? List.of() : journal.dominantEmotions();
        if (!dominant.isEmpty()) {
            String top = dominant.size() == 1 ? dominant.get(0) : dominant.get(0) + " and " + dominant.get(1);
            boolean same = emotion != null && dominant.get(0).equals(emotion);
            lines.add(same
                    ? "That matches your journal, where " + dominant.get(0) + " has come up most this month."
                    : "In your journal this month, " + top + " " + (dominant.size() == 1 ? "has" : "have") + " come up most.");
        }
        // On a good day the reply does not dig up a hard entry; risk signals are still mentioned below.
        if (!upbeat(emotion) && journal.relevantEntries() != null && !journal.relevantEntries().isEmpty()) {
            JournalContext.EntrySnippet entry = journal.relevantEntries().get(0);
            // The sentence that carried the entry's mood says more than the entry's first words.
            String excerpt = quoteOf(entry.quote() != null ? entry.quote() : entry.excerpt());
            if (excerpt != null) {
                String source = entry.writtenAt() == null || entry.writtenAt().length() < 10 ? "a recent entry"
                        : "your entry from " + entry.writtenAt().substring(0, 10);
                lines.add(pick(List.of(
                        Character.toUpperCase(source.charAt(0)) + source.substring(1) + " says \u201c" + excerpt
                                + "\u201d. Does today feel connected to that?",
                        "I'm also thinking of " + source + ": \u201c" + excerpt + "\u201d."), random));
            }
        }
        if (journal.riskFactors() != null && !journal.riskFactors().isEmpty()) {
            String risk = journal.riskFactors().get(0).strip();
            // Risk factors come as sentences or fragments; end each with exactly one full stop.
            lines.add("I also noticed this in your journal: " + (risk.endsWith(".") ? risk : risk + ".")
                    + " If it keeps weighing on you, talking to someone you trust or a professional can really help.");
        }
        return lines;
    }

    private static boolean upbeat(String emotion) {
        return "joy".equals(emotion) || "love".equals(emotion);
    }

    /**
     * A crisis message gets care and a nudge towards the help resources (which the chat puts above the
     * reply), never a quote of the message or small talk about the journal.
     */
    private static String crisisReply(ReplyGrounding grounding, Random random) {
        List<String> parts = new ArrayList<>();
        parts.add(pick(CRISIS_OPENINGS, random));
        parts.add("You matter, and you don't have to go through this alone.");
        JournalContext journal = grounding.journal();
        if (journal != null && ("declining".equals(journal.trend())
                || (journal.riskFactors() != null && !journal.riskFactors().isEmpty()))) {
            parts.add("Your journal shows things have been hard for a while, which makes reaching out even more important.");
        }
        parts.add(pick(CRISIS_QUESTIONS, random));
        return String.join(" ", parts);
    }

    /**
     * The emotion the reply speaks to, or null for a neutral reply. A model's top emotion is used only
     * when it is fairly sure and a confident sentiment does not contradict it (a "happy" message read
     * as anger); otherwise a confident sentiment stands in (positive as joy), else nothing is assumed.
     */
    static String emotionOf(TextAnalysis analysis) {
        if (analysis == null) {
            return null;
        }
        Classification emotion = analysis.emotion();
        Classification sentiment = analysis.sentiment();
        String polarity = sentiment != null && sentiment.label() != null && sentiment.score() >= SENTIMENT_CONFIDENCE
                ? sentiment.label().toLowerCase(Locale.ROOT) : null;
        if (emotion != null && emotion.label() != null && emotion.score() >= EMOTION_CONFIDENCE) {
            String label = emotion.label().toLowerCase(Locale.ROOT);
            boolean negative = label.equals("sadness") || label.equals("anger") || label.equals("fear");
            boolean positive = label.equals("joy") || label.equals("love");
            boolean contradicted = (negative && "positive".equals(polarity)) || (positive && "negative".equals(polarity));
            if (!contradicted) {
                return label;
            }
        }
        return "positive".equals(polarity) ? "joy" : null;
    }

    /** The first sentence or clause of a text, cut to a short quote; null when nothing quotable. */
    static String quoteOf(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        int end = flat.length();
        for (char c : new char[]{'.', '!', '?', ';', '\n'}) {
            int at = flat.indexOf(c);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        String quote = flat.substring(0, end).strip();
        if (quote.length() > 80) {
            int space = quote.lastIndexOf(' ', 77);
            quote = quote.substring(0, space > 20 ? space : 77) + "\u2026";
        }
        return quote.length() < 3 ? null : quote;
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
