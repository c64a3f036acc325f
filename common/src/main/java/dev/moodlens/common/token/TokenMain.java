package dev.moodlens.common.token;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./moodlens token}: prints a token signed with a key file, as the chat service signs (a user token, or with
 * --service a token for the services that take service tokens); with --new-key-pair it makes the key files instead.
 * The launcher runs it with {@code java -cp common/target/classes:<picocli>}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a bearer token for USER signed with --key, or makes a key pair (--new-key-pair).")
public final class TokenMain implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "USER", description = "who the token is for (upn and sub)")
    String user;

    @Option(names = "--service", description = "a service token (analysis and inference take it) instead of a user token")
    boolean service;

    @Option(names = "--minutes", defaultValue = "60", description = "lifetime (default: ${DEFAULT-VALUE})")
    long minutes;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the signer's private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--issuer", defaultValue = TokenNames.CHAT, description = "iss (default: ${DEFAULT-VALUE})")
    String issuer;

    @Option(names = "--new-key-pair", paramLabel = "PUBLIC_FILE",
            description = "write a fresh key pair to --key and PUBLIC_FILE instead of signing")
    Path newPublicKey;

    @Override
    public Integer call() throws Exception {
        if (newPublicKey != null) {
            TokenKeys.write(TokenKeys.generate(), key, newPublicKey);
            return 0;
        }
        if (user == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "USER is required");
        }
        TokenIssuer tokens = new TokenIssuer(issuer, TokenKeys.readPrivateKey(key));
        Duration lifetime = Duration.ofMinutes(minutes);
        System.out.println(service ? tokens.service(user, List.of(TokenNames.ANALYSIS, TokenNames.INFERENCE), lifetime)
                : tokens.user(user, lifetime));
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenMain()).execute(args));
    }
}
