package br.com.kycert.dashboard;

import br.com.kycert.shared.DomainException;
import br.com.kycert.users.Permission;
import br.com.kycert.users.Role;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Members page: everyone reads it; owners and admins add and remove members and change roles.
 * Every change is re-checked by {@link UserService} (a viewer's forged POST gets the 403 page).
 */
@Controller("/dashboard/members")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class MembersController {

    private final UserService users;
    private final Acting acting;
    private final Pages pages;

    MembersController(UserService users, Acting acting, Pages pages) {
        this.users = users;
        this.acting = acting;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> list(HttpRequest<?> request) {
        var member = member(request);
        return member.isPresent() ? page(request, member.get(), HttpStatus.OK, Map.of()) : forbiddenOrSignIn(request);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request) {
        var member = member(request);
        if (member.isEmpty()) {
            return forbiddenOrSignIn(request);
        }
        FormData form = DashboardRequests.form(request);
        char[] password = form.get("password").orElse("").toCharArray();
        try {
            users.addMember(
                    member.get(),
                    form.get("email").orElse(null),
                    Role.parse(form.get("role").orElse(null), "role"),
                    password);
            return Pages.seeOther("/dashboard/members");
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.INVALID) {
                Map<String, Object> model = new HashMap<>();
                model.put("formError", e.field() + "." + e.violation().name().toLowerCase());
                model.put("formFacts", e.facts());
                model.put("email", form.get("email").orElse(""));
                return page(request, member.get(), HttpStatus.UNPROCESSABLE_ENTITY, model);
            }
            return acting.refused(request, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Post("/{id}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> role(HttpRequest<?> request, @PathVariable String id) {
        var member = member(request);
        if (member.isEmpty()) {
            return forbiddenOrSignIn(request);
        }
        var userId = Acting.uuid(id);
        if (userId.isEmpty()) {
            return acting.notFound(request);
        }
        try {
            users.changeRole(
                    member.get(),
                    userId.get(),
                    Role.parse(DashboardRequests.form(request).get("role").orElse(null), "role"));
            return Pages.seeOther("/dashboard/members");
        } catch (DomainException e) {
            return e.kind() == DomainException.Kind.CONFLICT
                    ? page(request, member.get(), HttpStatus.CONFLICT, Map.of("formError", e.code()))
                    : acting.refused(request, e);
        }
    }

    @Post("/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> remove(HttpRequest<?> request, @PathVariable String id) {
        var member = member(request);
        if (member.isEmpty()) {
            return forbiddenOrSignIn(request);
        }
        var userId = Acting.uuid(id);
        if (userId.isEmpty()) {
            return acting.notFound(request);
        }
        try {
            users.removeMember(member.get(), userId.get());
            if (userId.get().equals(member.get().userId())) {
                return Pages.seeOther("/dashboard/sign-in");
            }
            return Pages.seeOther("/dashboard/members");
        } catch (DomainException e) {
            return e.kind() == DomainException.Kind.CONFLICT
                    ? page(request, member.get(), HttpStatus.CONFLICT, Map.of("formError", e.code()))
                    : acting.refused(request, e);
        }
    }

    private java.util.Optional<SignedIn.Member> member(HttpRequest<?> request) {
        return acting.of(request).filter(p -> p instanceof SignedIn.Member).map(p -> (SignedIn.Member) p);
    }

    private HttpResponse<?> forbiddenOrSignIn(HttpRequest<?> request) {
        // Support staff have no tenant, hence no members page; a removed account signs in again.
        return acting.of(request).isPresent()
                ? pages.error(request, HttpStatus.FORBIDDEN, "forbidden")
                : Pages.seeOther("/dashboard/sign-in");
    }

    private HttpResponse<?> page(
            HttpRequest<?> request, SignedIn.Member me, HttpStatus status, Map<String, Object> extra) {
        List<User> members = users.members(me);
        Map<String, Object> model = new HashMap<>(extra);
        model.put("nav", "members");
        model.put("members", members);
        model.put("canManage", me.may(Permission.MANAGE_MEMBERS));
        model.put(
                "grantable",
                Arrays.stream(Role.values())
                        .filter(me.role()::mayManage)
                        .map(Role::value)
                        .toList());
        model.put("myRole", me.role());
        model.put("myId", me.userId());
        return pages.render(request, status, "members", model);
    }
}
