package cn.zhangzhou.partybuilding.wishes.wish;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;

/** The beneficiary's confirmation code (确认码), for staff in scope to print on the slip (回执). */
@RestController
public class ConfirmationController {

    private final BeneficiaryConfirmation confirmation;

    public ConfirmationController(BeneficiaryConfirmation confirmation) {
        this.confirmation = confirmation;
    }

    @GetMapping("/api/v1/wishes/{id}/confirmation-code")
    public BeneficiaryConfirmation.CodeView code(Caller caller, @PathVariable UUID id) {
        return confirmation.code(caller, id);
    }
}
