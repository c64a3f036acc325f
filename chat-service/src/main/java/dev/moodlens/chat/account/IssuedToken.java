package dev.moodlens.chat.account;

/** A bearer token for the page or curl: {"user","token","tokenType":"Bearer","expiresIn": seconds}. */
public record IssuedToken(String user, String token, String tokenType, long expiresIn) {
}
