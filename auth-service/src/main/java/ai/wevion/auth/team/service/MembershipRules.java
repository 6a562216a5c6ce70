package ai.wevion.auth.team.service;

import ai.wevion.auth.account.repository.Role;

/**
 * Who may change whom in a workspace (teams, A7). Admins and owners manage
 * members; only an owner may make, demote or remove an owner; anyone may
 * leave; and a workspace always keeps an owner.
 */
public final class MembershipRules {

    /** Why a change is refused; {@link #NONE} when it is allowed. */
    public enum Refusal {
        NONE,
        /** Only admins and owners manage members. */
        NOT_AN_ADMIN,
        /** Only an owner may make, demote or remove an owner. */
        OWNERS_ONLY,
        /** The workspace's last owner cannot leave, be removed or be demoted. */
        LAST_OWNER
    }

    private MembershipRules() {
    }

    /** {@code actor} sets the role of a member who has {@code from} to {@code to}; {@code owners} in the workspace now. */
    public static Refusal changeRole(Role actor, Role from, Role to, long owners) {
        if (!actor.isAdmin()) {
            return Refusal.NOT_AN_ADMIN;
        }
        if ((from == Role.OWNER || to == Role.OWNER) && actor != Role.OWNER) {
            return Refusal.OWNERS_ONLY;
        }
        if (from == Role.OWNER && to != Role.OWNER && owners <= 1) {
            return Refusal.LAST_OWNER;
        }
        return Refusal.NONE;
    }

    /** {@code actor} removes a member whose role is {@code target}; {@code self} when they leave. */
    public static Refusal remove(Role actor, Role target, boolean self, long owners) {
        if (!self && !actor.isAdmin()) {
            return Refusal.NOT_AN_ADMIN;
        }
        if (!self && target == Role.OWNER && actor != Role.OWNER) {
            return Refusal.OWNERS_ONLY;
        }
        return target == Role.OWNER && owners <= 1 ? Refusal.LAST_OWNER : Refusal.NONE;
    }

    /** {@code actor} invites someone as {@code invited}. */
    public static Refusal invite(Role actor, Role invited) {
        if (!actor.isAdmin()) {
            return Refusal.NOT_AN_ADMIN;
        }
        return invited == Role.OWNER && actor != Role.OWNER ? Refusal.OWNERS_ONLY : Refusal.NONE;
    }
}
