package cn.zhangzhou.partybuilding.membership.organisation;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.web.Page;

/** The organisation tree (组织体系): create, rename, move, deactivate, and subtree views. */
@Service
class OrganisationService {

    private final OrganisationStore organisations;
    private final AccessPolicy access;
    private final Outbox outbox;

    OrganisationService(OrganisationStore organisations, AccessPolicy access, Outbox outbox) {
        this.organisations = organisations;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    Organisation create(Caller caller, String code, String name, OrganisationType type, UUID parentId) {
        UUID id = UUID.randomUUID();
        String path;
        if (type == OrganisationType.DISTRICT_COMMITTEE) {
            access.requireDistrictWide(caller);
            if (parentId != null) {
                throw new DomainRuleException("parentId", "a district committee is the root and has no parent");
            }
            if (organisations.rootExists()) {
                throw new ConflictException("district " + access.district() + " already has its district committee");
            }
            path = "/" + id + "/";
        } else {
            Organisation parent = requireParent(type, parentId);
            access.requireManage(caller, parent);
            path = parent.path() + id + "/";
        }
        if (organisations.codeExists(code)) {
            throw new ConflictException("code " + code + " is already used in district " + access.district());
        }
        Organisation created = new Organisation(id, code, name, type, parentId, path, true, 1);
        organisations.insert(created);
        outbox.append(new OrganisationCreated(id, created.code(), created.name(), created.type(), created.parentId()),
                created.version());
        return created;
    }

    Page<Organisation> search(Caller caller, OrganisationType type, UUID parentId, String q, Boolean active,
                              int page, int size) {
        access.requireReader(caller);
        return organisations.search(type, parentId, q, active, page, size);
    }

    @Transactional
    Organisation rename(Caller caller, UUID id, String name, long version) {
        Organisation current = lockCurrent(id, version);
        access.requireManage(caller, current);
        Organisation renamed = new Organisation(id, current.code(), name, current.type(), current.parentId(),
                current.path(), current.active(), version + 1);
        save(renamed, version);
        outbox.append(new OrganisationRenamed(id, name), renamed.version());
        return renamed;
    }

    @Transactional
    Organisation move(Caller caller, UUID id, UUID newParentId, long version) {
        Organisation current = lockCurrent(id, version);
        access.requireManage(caller, current);
        if (current.type() == OrganisationType.DISTRICT_COMMITTEE) {
            throw new DomainRuleException("parentId", "the district committee is the root and cannot be moved");
        }
        Organisation parent = requireParent(current.type(), newParentId);
        access.requireManage(caller, parent);
        if (parent.isWithin(id)) {
            throw new DomainRuleException("parentId", "an organisation cannot be moved under itself or its descendants");
        }
        if (!current.active()) {
            throw new DomainRuleException("a deactivated organisation cannot be moved");
        }
        String newPath = parent.path() + id + "/";
        Organisation moved = new Organisation(id, current.code(), current.name(), current.type(), parent.id(), newPath,
                true, version + 1);
        save(moved, version);
        organisations.rebaseDescendants(current.path(), newPath);
        outbox.append(new OrganisationMoved(id, current.parentId(), parent.id()), moved.version());
        return moved;
    }

    @Transactional
    Organisation deactivate(Caller caller, UUID id, long version) {
        Organisation current = lockCurrent(id, version);
        access.requireManage(caller, current);
        if (!current.active()) {
            throw new ConflictException("organisation " + id + " is already deactivated");
        }
        if (organisations.activeChildren(id) > 0) {
            throw new DomainRuleException("organisation " + current.name() + " still has active child organisations");
        }
        if (organisations.membersHeldIn(id) > 0) {
            throw new DomainRuleException("organisation " + current.name() + " still holds members");
        }
        if (organisations.membersPlacedIn(id) > 0) {
            throw new DomainRuleException("organisation " + current.name() + " still has members placed in it");
        }
        Organisation deactivated = new Organisation(id, current.code(), current.name(), current.type(),
                current.parentId(), current.path(), false, version + 1);
        save(deactivated, version);
        outbox.append(new OrganisationDeactivated(id), deactivated.version());
        return deactivated;
    }

    /** Counts of the subtree below an organisation: members held, communities, grids, party groups, units. */
    record SubtreeCounts(long members, long communities, long grids, long partyGroups, long residentUnits) {
    }

    record SubtreeNode(Organisation organisation, SubtreeCounts counts, List<SubtreeNode> children) {
    }

    SubtreeNode subtree(Caller caller, UUID id, int depth) {
        Organisation root = find(caller, id);
        List<Organisation> nodes = organisations.subtree(root, depth);
        return node(root, nodes, depth);
    }

    private SubtreeNode node(Organisation org, List<Organisation> all, int depth) {
        List<SubtreeNode> children = depth <= 0 ? List.of() : all.stream()
                .filter(o -> org.id().equals(o.parentId()))
                .map(o -> node(o, all, depth - 1))
                .toList();
        return new SubtreeNode(org, organisations.counts(org.path()), children);
    }

    Organisation find(Caller caller, UUID id) {
        access.requireReader(caller);
        return organisations.find(id).orElseThrow(() -> new NotFoundException("organisation " + id + " not found"));
    }

    private Organisation requireParent(OrganisationType childType, UUID parentId) {
        if (parentId == null) {
            throw new DomainRuleException("parentId", "a " + childType + " needs a parent");
        }
        Organisation parent = organisations.find(parentId)
                .orElseThrow(() -> new DomainRuleException("parentId", "no organisation " + parentId + " in district "
                        + access.district()));
        if (!TreeRules.allowedParents(childType).contains(parent.type())) {
            throw new DomainRuleException("parentId", "a " + childType + " may sit only under "
                    + TreeRules.allowedParents(childType) + ", not under a " + parent.type());
        }
        if (!parent.active()) {
            throw new DomainRuleException("parentId", "parent " + parent.name() + " is deactivated");
        }
        return parent;
    }

    private Organisation lockCurrent(UUID id, long expectedVersion) {
        Organisation current = organisations.lock(id)
                .orElseThrow(() -> new NotFoundException("organisation " + id + " not found"));
        if (current.version() != expectedVersion) {
            throw ConflictException.staleVersion("organisation", id, expectedVersion);
        }
        return current;
    }

    private void save(Organisation changed, long expectedVersion) {
        if (!organisations.update(changed, expectedVersion)) {
            throw ConflictException.staleVersion("organisation", changed.id(), expectedVersion);
        }
    }
}
