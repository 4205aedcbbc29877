package cn.zhangzhou.partybuilding.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.zhangzhou.partybuilding.events.Districts;

/**
 * Development JWTs (RS256) with the claims of the membership API: {@code sub}, {@code roles},
 * {@code district} (absent for CITY_ADMIN), {@code org}, {@code member}. Signed with the JDK alone so the
 * launcher needs no JOSE library; the services verify them with Spring's resource server.
 */
public final class DevTokens {

    public static final Set<String> ROLES = Set.of("CITY_ADMIN", "DISTRICT_ADMIN", "STREET_STAFF",
            "COMMUNITY_STAFF", "MEMBER", "DISTRICT_SYSTEM");
    public static final Duration LIFETIME = Duration.ofHours(8);
    static final String ISSUER = "zz-local-platform";

    private final RSAPrivateKey key;

    public DevTokens(RSAPrivateKey key) {
        this.key = key;
    }

    /**
     * @param district required for every role but CITY_ADMIN
     * @param org the street (STREET_STAFF) or community (COMMUNITY_STAFF) UUID, else null
     * @param member the member UUID (MEMBER), else null
     */
    public String issue(String role, String district, String org, String member, Instant now) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role " + role + " (one of " + ROLES + ")");
        }
        if (!"CITY_ADMIN".equals(role)) {
            Districts.require(district);
        }
        if (("STREET_STAFF".equals(role) || "COMMUNITY_STAFF".equals(role)) && org == null) {
            throw new IllegalArgumentException(role + " needs the organisation UUID it works for");
        }
        if ("MEMBER".equals(role) && member == null) {
            throw new IllegalArgumentException("MEMBER needs the member UUID");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", member != null ? member : "dev-" + role.toLowerCase() + (district == null ? "" : "-" + district));
        claims.put("roles", List.of(role));
        if (!"CITY_ADMIN".equals(role)) {
            claims.put("district", district);
        }
        if (org != null) {
            claims.put("org", org);
        }
        if (member != null) {
            claims.put("member", member);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
        String signingInput = header + "." + payload;
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
    }
}
