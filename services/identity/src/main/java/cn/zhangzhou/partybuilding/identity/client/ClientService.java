package cn.zhangzhou.partybuilding.identity.client;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import cn.zhangzhou.partybuilding.identity.InvalidInputException;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers district systems: the CITY_ADMIN for any district, a DISTRICT_ADMIN for their own. */
@Service
class ClientService {

    private static final Pattern DISTRICT = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** A registered client with its secret: the only time the secret is ever shown. */
    record Registered(DistrictClient client, String clientSecret) {
    }

    private final RegisteredClientRepository registeredClients;
    private final DistrictClientStore districtClients;
    private final PasswordEncoder passwordEncoder;
    private final IdentityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ClientService(RegisteredClientRepository registeredClients, DistrictClientStore districtClients,
                  PasswordEncoder passwordEncoder, IdentityProperties properties, Clock clock) {
        this.registeredClients = registeredClients;
        this.districtClients = districtClients;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Registered register(Caller caller, String name, String district) {
        requireAdministers(caller, district);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        if (district == null || !DISTRICT.matcher(district).matches()) {
            throw new InvalidInputException("district", "must be a district id like 'xiangcheng'");
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        String clientId = "sys-" + district + "-" + HexFormat.of().formatHex(id);
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        String registeredId = UUID.randomUUID().toString();
        DistrictClient client = new DistrictClient(clientId, name.trim(), district, caller.subject(), now);
        try {
            districtClients.insert(client, registeredId);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("District " + district + " already has a system named '" + name.trim() + "'");
        }
        registeredClients.save(RegisteredClient.withId(registeredId)
                .clientId(clientId)
                .clientIdIssuedAt(now)
                .clientSecret(passwordEncoder.encode(secret))
                .clientName(name.trim())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .build())
                .build());
        return new Registered(client, secret);
    }

    DistrictClient get(Caller caller, String clientId) {
        DistrictClient client = districtClients.find(clientId)
                .orElseThrow(() -> NotFoundException.of("Client", clientId));
        requireAdministers(caller, client.district());
        return client;
    }

    Page<DistrictClient> list(Caller caller, String district, int page, int size) {
        caller.requireAnyRole(Role.CITY_ADMIN, Role.DISTRICT_ADMIN);
        String scope = caller.isCityWide() ? district : caller.district();
        if (!caller.isCityWide() && district != null && !district.equals(caller.district())) {
            throw new ForbiddenException("A DISTRICT_ADMIN of " + caller.district() + " sees only its own district's systems");
        }
        return Page.of(districtClients.list(scope, page, size), page, size, districtClients.count(scope));
    }

    private static void requireAdministers(Caller caller, String district) {
        caller.requireAnyRole(Role.CITY_ADMIN, Role.DISTRICT_ADMIN);
        if (!caller.isCityWide() && (district == null || !district.equals(caller.district()))) {
            throw new ForbiddenException("A DISTRICT_ADMIN of " + caller.district()
                    + " manages only its own district's systems, not " + district);
        }
    }
}
