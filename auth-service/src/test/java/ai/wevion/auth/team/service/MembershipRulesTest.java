package ai.wevion.auth.team.service;

import static ai.wevion.auth.account.repository.Role.ADMIN;
import static ai.wevion.auth.account.repository.Role.MEMBER;
import static ai.wevion.auth.account.repository.Role.OWNER;
import static ai.wevion.auth.team.service.MembershipRules.Refusal.LAST_OWNER;
import static ai.wevion.auth.team.service.MembershipRules.Refusal.NONE;
import static ai.wevion.auth.team.service.MembershipRules.Refusal.NOT_AN_ADMIN;
import static ai.wevion.auth.team.service.MembershipRules.Refusal.OWNERS_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who may change whom in a workspace (A7, teams): admins manage members, owners manage owners, a workspace keeps an owner. */
class MembershipRulesTest {

    @Test
    void anAdminPromotesAndDemotesMembersAndAdmins_A7() {
        assertThat(MembershipRules.changeRole(ADMIN, MEMBER, ADMIN, 1)).isEqualTo(NONE);
        assertThat(MembershipRules.changeRole(ADMIN, ADMIN, MEMBER, 1)).isEqualTo(NONE);
    }

    @Test
    void anOwnerCannotBeDemotedOrRemovedByAnAdmin_A7() {
        assertThat(MembershipRules.changeRole(ADMIN, OWNER, MEMBER, 2)).isEqualTo(OWNERS_ONLY);
        assertThat(MembershipRules.remove(ADMIN, OWNER, false, 2)).isEqualTo(OWNERS_ONLY);
        assertThat(MembershipRules.remove(ADMIN, OWNER, false, 1)).as("even the last one: refused as not theirs to remove").isEqualTo(OWNERS_ONLY);
        assertThat(MembershipRules.changeRole(ADMIN, MEMBER, OWNER, 1)).as("nor made").isEqualTo(OWNERS_ONLY);
        assertThat(MembershipRules.changeRole(OWNER, OWNER, ADMIN, 2)).isEqualTo(NONE);
        assertThat(MembershipRules.remove(OWNER, OWNER, false, 2)).isEqualTo(NONE);
    }

    @Test
    void theLastOwnerCannotLeaveBeRemovedOrDemoted_A7() {
        assertThat(MembershipRules.remove(OWNER, OWNER, true, 1)).isEqualTo(LAST_OWNER);
        assertThat(MembershipRules.changeRole(OWNER, OWNER, ADMIN, 1)).isEqualTo(LAST_OWNER);
        assertThat(MembershipRules.remove(OWNER, OWNER, true, 2)).as("with another owner they may").isEqualTo(NONE);
    }

    @Test
    void aMemberManagesNobodyButMayLeave_A7() {
        assertThat(MembershipRules.changeRole(MEMBER, MEMBER, ADMIN, 1)).isEqualTo(NOT_AN_ADMIN);
        assertThat(MembershipRules.remove(MEMBER, MEMBER, false, 1)).isEqualTo(NOT_AN_ADMIN);
        assertThat(MembershipRules.invite(MEMBER, MEMBER)).isEqualTo(NOT_AN_ADMIN);
        assertThat(MembershipRules.remove(MEMBER, MEMBER, true, 1)).isEqualTo(NONE);
    }

    @Test
    void onlyAnOwnerInvitesAnOwner_A7() {
        assertThat(MembershipRules.invite(ADMIN, ADMIN)).isEqualTo(NONE);
        assertThat(MembershipRules.invite(ADMIN, OWNER)).isEqualTo(OWNERS_ONLY);
        assertThat(MembershipRules.invite(OWNER, OWNER)).isEqualTo(NONE);
    }
}
