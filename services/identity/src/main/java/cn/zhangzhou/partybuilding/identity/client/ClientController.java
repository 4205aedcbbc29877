package cn.zhangzhou.partybuilding.identity.client;

import cn.zhangzhou.partybuilding.identity.InvalidInputException;
import cn.zhangzhou.partybuilding.support.idempotency.IdempotencyFilter;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** District systems' client registrations: {@code /api/v1/clients}. */
@RestController
@Validated
@RequestMapping("/api/v1/clients")
class ClientController {

    record RegisterClient(String name, String district) {
    }

    record ClientView(String clientId, String name, String district, String createdBy, Instant createdAt) {
        static ClientView of(DistrictClient client) {
            return new ClientView(client.clientId(), client.name(), client.district(), client.createdBy(),
                    client.createdAt());
        }
    }

    /** The answer to a registration: the secret is in it once and nowhere else (only its hash is stored). */
    record RegisteredView(String clientId, String clientSecret, String name, String district, String tokenEndpoint) {
    }

    private final ClientService service;

    ClientController(ClientService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<RegisteredView> register(Caller caller, @RequestBody RegisterClient request,
                                            @RequestHeader(name = IdempotencyFilter.HEADER, required = false)
                                            String idempotencyKey) {
        if (idempotencyKey != null) {
            // A replay would have to keep the secret in clear for a day: retry by listing and registering anew.
            throw new InvalidInputException(IdempotencyFilter.HEADER,
                    "is not accepted here: the client secret is shown once and never stored in clear");
        }
        ClientService.Registered registered = service.register(caller, request.name(), request.district());
        DistrictClient client = registered.client();
        return ResponseEntity.created(URI.create("/api/v1/clients/" + client.clientId()))
                .body(new RegisteredView(client.clientId(), registered.clientSecret(), client.name(), client.district(),
                        "/oauth2/token"));
    }

    @GetMapping("/{clientId}")
    ClientView get(Caller caller, @PathVariable String clientId) {
        return ClientView.of(service.get(caller, clientId));
    }

    @GetMapping
    Page<ClientView> list(Caller caller, @RequestParam(required = false) String district,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, district, page, size).map(ClientView::of);
    }
}
