package cn.zhangzhou.partybuilding.support.testapp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

public record Thing(UUID id, String code, String name, Category category, int quantity, boolean archived,
                    long version, String createdBy) {

    public record Create(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String code,
                         @NotBlank @Size(max = 100) String name,
                         @NotNull Category category,
                         @NotNull @Min(0) Integer quantity) {
    }

    public record Rename(@NotBlank @Size(max = 100) String name, @NotNull Long version) {
    }
}
