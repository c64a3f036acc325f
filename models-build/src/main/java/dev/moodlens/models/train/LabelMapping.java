package dev.moodlens.models.train;

import dev.moodlens.models.runtime.Task;

import java.util.List;
import java.util.Map;

/**
 * How the label sets of the public datasets map onto the two tasks' labels (the model cards repeat it).
 * A text that maps to no label, or to two different ones, is left out (-1): never guessed.
 * <ul>
 *   <li>Sentiment (negative, neutral, positive): SST 0-1 negative, 2 neutral, 3-4 positive; GoEmotions
 *       groups as named, "ambiguous" left out; emotions: sadness, anger, fear negative; joy, love, optimism
 *       positive; surprise left out (it goes either way).</li>
 *   <li>Emotion (CARER's sadness, joy, love, anger, fear, surprise): TweetEval anger, joy, sadness as named,
 *       optimism to joy; GoEmotions' 27 emotions: joy from admiration, amusement, excitement, gratitude, joy,
 *       optimism, pride, relief; love from love and caring; sadness from sadness, grief, disappointment,
 *       remorse; anger from anger, annoyance, disgust (CARER has no disgust; it reads closest to anger);
 *       fear from fear and nervousness; surprise from surprise. Left out: neutral (the task has no neutral
 *       class), and the weak or cognitive labels approval, disapproval, desire, curiosity, confusion,
 *       realization, embarrassment.</li>
 * </ul>
 */
public final class LabelMapping {

    public static final int NONE = -1;

    private static final Map<String, String> GOEMOTIONS_TO_EMOTION = Map.ofEntries(
            Map.entry("admiration", "joy"), Map.entry("amusement", "joy"), Map.entry("excitement", "joy"),
            Map.entry("gratitude", "joy"), Map.entry("joy", "joy"), Map.entry("optimism", "joy"),
            Map.entry("pride", "joy"), Map.entry("relief", "joy"),
            Map.entry("love", "love"), Map.entry("caring", "love"),
            Map.entry("sadness", "sadness"), Map.entry("grief", "sadness"), Map.entry("disappointment", "sadness"),
            Map.entry("remorse", "sadness"),
            Map.entry("anger", "anger"), Map.entry("annoyance", "anger"), Map.entry("disgust", "anger"),
            Map.entry("fear", "fear"), Map.entry("nervousness", "fear"),
            Map.entry("surprise", "surprise"));

    private LabelMapping() {
    }

    /** SST's five classes to negative (0), neutral (1), positive (2). */
    public static int sentimentOfSst(int fine) {
        return fine <= 1 ? 0 : fine == 2 ? 1 : 2;
    }

    /** An emotion name (CARER's, or TweetEval's optimism) to its sentiment; surprise and unknown names: none. */
    public static int sentimentOfEmotion(String emotion) {
        return switch (emotion) {
            case "sadness", "anger", "fear" -> 0;
            case "joy", "love", "optimism" -> 2;
            default -> NONE;
        };
    }

    /** GoEmotions sentiment groups of one comment: its one group, or none when ambiguous or mixed. */
    public static int sentimentOfGroups(List<String> groups) {
        int label = NONE;
        for (String g : groups) {
            int l = switch (g) {
                case "negative" -> 0;
                case "neutral" -> 1;
                case "positive" -> 2;
                default -> NONE;
            };
            if (l == NONE || (label != NONE && l != label)) {
                return NONE;
            }
            label = l;
        }
        return label;
    }

    /** GoEmotions' emotions of one comment to the emotion task's label index, or none (see the class comment). */
    public static int emotionOfGoEmotions(List<String> emotions) {
        String mapped = null;
        for (String e : emotions) {
            String m = GOEMOTIONS_TO_EMOTION.get(e);
            if (m == null || (mapped != null && !mapped.equals(m))) {
                return NONE;
            }
            mapped = m;
        }
        return mapped == null ? NONE : Task.EMOTION.labels().indexOf(mapped);
    }

    /** TweetEval emotion's id (0 anger, 1 joy, 2 optimism, 3 sadness) to the emotion task's label index. */
    public static int emotionOfTweetEval(int id) {
        String name = switch (id) {
            case 0 -> "anger";
            case 1, 2 -> "joy";
            case 3 -> "sadness";
            default -> throw new IllegalArgumentException("TweetEval emotion id " + id);
        };
        return Task.EMOTION.labels().indexOf(name);
    }

    /** TweetEval emotion's id to its name. */
    public static String tweetEvalEmotionName(int id) {
        return List.of("anger", "joy", "optimism", "sadness").get(id);
    }

    /** EmoBank valence (1..5, centre 3) to the regression target of P(positive) - P(negative), in [-1, 1]. */
    public static float valenceTarget(float valence) {
        return Math.max(-1f, Math.min(1f, (valence - 3f) / VALENCE_SCALE));
    }

    /**
     * Valence points per unit of P(positive) - P(negative): EmoBank's valence has a standard deviation of
     * 0.35 around 3, so 0.8 maps a clearly positive sentence (3.8) to +1.
     */
    public static final float VALENCE_SCALE = 0.8f;
}
