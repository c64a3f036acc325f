package dev.moodlens.models.runtime;

/** Which ONNX file of a model to run: {@code onnx/model.onnx} or {@code onnx/model_quantized.onnx}. */
public enum Precision {
    FP32,
    INT8
}
