package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.LocalDate;

/**
 * One specialty (特长) of a volunteer in {@link VolunteerSpecialtiesUpdated}: its code, whether staff verified a
 * qualification for it, and until when that qualification is valid ({@code validUntil} may be null).
 */
public record SpecialtyState(String specialty, boolean qualified, LocalDate validUntil) {
}
