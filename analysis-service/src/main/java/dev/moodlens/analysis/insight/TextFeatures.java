package dev.moodlens.analysis.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level features of entries: tokens, an English stop-word list and the small word lists
 * (lexicons) behind the personality signals. The lists are short on purpose and documented in the
 * README: every signal must be explainable by pointing at words.
 */
public final class TextFeatures {

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}']*");

    public static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
            "do", "does", "doing", "don't", "down", "during", "each", "even", "ever", "every", "few", "for", "from",
            "further", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
            "himself", "his", "how", "i", "i'm", "i've", "i'd", "i'll", "if", "in", "into", "is", "it", "it's", "its",
            "itself", "just", "like", "me", "more", "most", "much", "my", "myself", "no", "nor", "not", "now", "of",
            "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "really",
            "same", "she", "should", "so", "some", "still", "such", "than", "that", "that's", "the", "their", "theirs",
            "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
            "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
            "why", "will", "with", "would", "you", "your", "yours", "yourself", "today", "day", "felt", "feel",
            "feeling", "went", "go", "going", "bit", "lot", "thing", "things", "something", "anything", "made",
            "make", "one", "two", "back", "way", "well", "around", "though", "didn't", "wasn't", "can't",
            "couldn't", "won't", "isn't", "let", "yet", "since", "maybe", "quite", "kind", "sort", "able", "keep",
            "kept", "say", "said", "know", "knew", "think", "thought", "see", "saw", "want", "wanted", "need",
            "needed", "take", "took", "come", "came", "another", "many", "must", "might", "shall", "us", "pretty",
            "enough", "almost", "always", "never", "sometimes", "time", "last", "first", "next", "ago", "three", "four",
            "five", "six", "seven", "eight", "nine", "ten", "told", "asked", "tell", "ask", "actually", "probably",
            "finally", "half", "put", "getting", "looked", "look", "trying", "tried", "gets", "goes", "done");

    /** Social processes: people and doing things together (extraversion). */
    public static final Set<String> SOCIAL = Set.of("friend", "friends", "family", "mom", "mum", "dad", "mother", "father",
            "sister", "brother", "partner", "wife", "husband", "together", "party", "talked", "talk", "met", "meet",
            "call", "called", "team", "colleague", "colleagues", "people", "date", "visit", "visited", "dinner", "chat",
            "chatted", "everyone", "group", "neighbor", "neighbour", "kids", "son", "daughter", "guests", "celebrate",
            "celebrated", "we", "us", "our");

    /** Achievement and order: goals, work, plans, routines (conscientiousness). */
    public static final Set<String> ACHIEVEMENT = Set.of("goal", "goals", "plan", "planned", "planning", "finish", "finished",
            "complete", "completed", "achieve", "achieved", "work", "worked", "project", "deadline", "progress", "done",
            "organize", "organized", "organise", "organised", "schedule", "routine", "productive", "discipline", "task",
            "tasks", "list", "study", "studied", "practice", "practiced", "practised", "exercise", "exercised", "gym",
            "run", "ran", "habit", "habits", "prepared", "focus", "focused", "effort", "improve", "improved", "budget");

    /** Curiosity, ideas, learning and culture (openness). */
    public static final Set<String> OPENNESS = Set.of("curious", "curiosity", "wonder", "wondered", "idea", "ideas", "learn",
            "learned", "learnt", "learning", "explore", "explored", "new", "book", "books", "read", "reading", "art",
            "music", "museum", "travel", "travelled", "traveled", "trip", "imagine", "imagined", "create", "created",
            "creative", "writing", "poem", "poetry", "film", "movie", "realize", "realized", "realised", "understand",
            "philosophy", "experiment", "try", "tried", "discover", "discovered", "painting", "paint", "language",
            "class", "course", "podcast", "meaning", "beautiful", "nature");

    /** Warmth, gratitude and care for others (agreeableness). */
    public static final Set<String> WARMTH = Set.of("thank", "thanks", "thankful", "grateful", "gratitude", "kind",
            "kindness", "help", "helped", "helping", "care", "cared", "caring", "forgive", "forgave", "appreciate",
            "appreciated", "hug", "hugged", "support", "supported", "share", "shared", "listen", "listened", "generous",
            "sorry", "apologized", "apologised", "compassion", "patient", "gentle", "trust", "volunteer", "volunteered",
            "gift", "welcome");

    /** Worry, tension and low mood words (neuroticism). */
    public static final Set<String> DISTRESS = Set.of("worry", "worried", "worrying", "anxious", "anxiety", "stress",
            "stressed", "stressful", "nervous", "afraid", "scared", "panic", "overwhelmed", "tense", "fear", "upset",
            "cry", "cried", "crying", "lonely", "exhausted", "angry", "frustrated", "irritated", "guilty", "ashamed",
            "hopeless", "miserable", "insecure", "restless", "dread", "awful", "terrible", "sad", "hurt", "annoyed");

    /** Words about what is to come (future orientation). */
    public static final Set<String> FUTURE = Set.of("will", "tomorrow", "plan", "plans", "soon", "hope", "hoping", "future",
            "later", "upcoming", "goal", "goals", "gonna", "someday", "next", "week's", "intend", "expect", "looking");

    /** Words about what has been (past orientation). */
    public static final Set<String> PAST = Set.of("yesterday", "ago", "remember", "remembered", "used", "before", "past",
            "memory", "memories", "earlier", "once", "back", "childhood", "missed", "regret");

    private TextFeatures() {
    }

    /** Lower-cased word tokens (letters and inner apostrophes); typographic apostrophes folded. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        while (m.find()) {
            String w = m.group();
            while (w.endsWith("'")) {
                w = w.substring(0, w.length() - 1);
            }
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Content words: no stop words, at least three letters, possessive "'s" removed. */
    public static List<String> contentWords(List<String> words) {
        List<String> content = new ArrayList<>();
        for (String w : words) {
            String t = w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
            if (t.length() >= 3 && !STOP_WORDS.contains(t) && t.indexOf('\'') < 0) {
                content.add(t);
            }
        }
        return content;
    }

    public static int count(List<String> words, Set<String> lexicon) {
        int n = 0;
        for (String w : words) {
            if (lexicon.contains(w)) {
                n++;
            }
        }
        return n;
    }

    public static List<String> hits(List<String> words, Set<String> lexicon, int max) {
        List<String> hits = new ArrayList<>();
        for (String w : words) {
            if (lexicon.contains(w) && !hits.contains(w)) {
                hits.add(w);
                if (hits.size() == max) {
                    break;
                }
            }
        }
        return hits;
    }
}
