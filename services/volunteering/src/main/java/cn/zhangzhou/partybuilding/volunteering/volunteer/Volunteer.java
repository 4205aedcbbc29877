package cn.zhangzhou.partybuilding.volunteering.volunteer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.volunteering.SpecialtyState;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;

/**
 * A volunteer (志愿者) as stored: a member (the id is the member id, {@code district} the one holding them) or a
 * resident who is not a member (our id, this district; the name and phone are kept apart).
 */
public record Volunteer(UUID id, VolunteerKind kind, String district, UUID communityId, long version,
                        Instant registeredAt, List<Specialty> specialties) {

    /**
     * A registered specialty (特长) with its qualification (e.g. a licence) as stated, and who verified it when, until
     * which day.
     */
    public record Specialty(String specialty, String qualification, String verifiedBy, Instant verifiedAt,
                            LocalDate validUntil) {

        /** Verified by staff and still valid on the day. */
        public boolean qualifiedOn(LocalDate day) {
            return verifiedAt != null && (validUntil == null || !validUntil.isBefore(day));
        }

        SpecialtyState state() {
            return new SpecialtyState(specialty, verifiedAt != null, validUntil);
        }
    }

    /** The registered specialty; with {@code qualifiedOn}, only if its qualification is verified and valid then. */
    public boolean has(String specialty, LocalDate qualifiedOn) {
        return specialties.stream().anyMatch(s -> s.specialty().equals(specialty)
                && (qualifiedOn == null || s.qualifiedOn(qualifiedOn)));
    }
}
