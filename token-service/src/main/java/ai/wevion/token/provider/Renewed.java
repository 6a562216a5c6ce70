package ai.wevion.token.provider;

/** A renewal's answer: the new access token, the refresh token only when the provider rotated it, and the new lifetime (null: never expires). */
public record Renewed(String accessToken, String rotatedRefreshToken, Long expiresInSeconds) {
}
