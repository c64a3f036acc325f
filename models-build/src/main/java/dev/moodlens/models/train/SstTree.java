package dev.moodlens.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled phrases of one Stanford Sentiment Treebank tree in PTB form, e.g.
 * {@code (3 (2 The) (4 (3 very) (4 good)))}, detokenized back to plain text ({@code does n't} -> {@code doesn't},
 * {@code -LRB-} -> {@code (}) so that they read as the sentences do.
 */
final class SstTree {

    private SstTree() {
    }

    /** Every inner phrase of at least {@code minWords} words except the root, to its label (0..4), in tree order. */
    static Map<String, Integer> phrases(String tree, int minWords) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int[] pos = {0};
        parse(tree, pos, out, minWords, true);
        return out;
    }

    /** Parses the node at pos[0]; returns its words. */
    private static List<String> parse(String s, int[] pos, Map<String, Integer> out, int minWords, boolean root) {
        skipSpaces(s, pos);
        if (s.charAt(pos[0]) != '(') {
            throw new IllegalArgumentException("expected ( at " + pos[0]);
        }
        pos[0]++;
        int labelStart = pos[0];
        while (Character.isDigit(s.charAt(pos[0]))) {
            pos[0]++;
        }
        int label = Integer.parseInt(s.substring(labelStart, pos[0]));
        skipSpaces(s, pos);
        List<String> words = new ArrayList<>();
        if (s.charAt(pos[0]) == '(') {
            while (s.charAt(pos[0]) == '(') {
                words.addAll(parse(s, pos, out, minWords, false));
                skipSpaces(s, pos);
            }
        } else {
            int start = pos[0];
            while (s.charAt(pos[0]) != ')') {
                pos[0]++;
            }
            words.add(s.substring(start, pos[0]).trim());
        }
        pos[0]++; // ')'
        if (!root && words.size() >= minWords) {
            out.putIfAbsent(detokenize(words), label);
        }
        return words;
    }

    static String detokenize(List<String> words) {
        StringBuilder b = new StringBuilder();
        boolean glueNext = false; // after an opening bracket or quote
        for (String w : words) {
            String t = switch (w) {
                case "-LRB-" -> "(";
                case "-RRB-" -> ")";
                case "``", "''" -> "\"";
                default -> w;
            };
            boolean attach = w.equals("''") || t.equals(",") || t.equals(".") || t.equals("!") || t.equals("?")
                    || t.equals(";") || t.equals(":") || t.equals(")") || t.equals("n't")
                    || t.startsWith("'") && t.length() <= 3;
            if (b.length() > 0 && !attach && !glueNext) {
                b.append(' ');
            }
            b.append(t);
            glueNext = w.equals("-LRB-") || w.equals("``");
        }
        return b.toString();
    }

    private static void skipSpaces(String s, int[] pos) {
        while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
    }
}
