package cn.zhangzhou.partybuilding.dashboard.page;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.dashboard.DashboardProperties;

/**
 * {@code GET /sign-in.json} (no token): where the page (web/, served at {@code /}) signs its users in. The page is
 * static and the same for every deployment; the issuer is the deployment's.
 */
@RestController
class PageController {

    private final DashboardProperties.SignIn signIn;

    PageController(DashboardProperties properties) {
        this.signIn = properties.signIn();
    }

    @GetMapping("/sign-in.json")
    DashboardProperties.SignIn signIn() {
        return signIn;
    }
}
