package dev.moodlens.models.runtime;

/** Softmax probabilities of one text, in the order of the model's labels. */
public record Prediction(float[] probabilities, boolean truncated) {
}
