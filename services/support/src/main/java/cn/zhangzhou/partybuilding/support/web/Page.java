package cn.zhangzhou.partybuilding.support.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer, the same shape across every service:
 * {@code {"items":[...],"page":0,"size":20,"totalItems":n,"totalPages":m}}; {@code page} is 0-based.
 */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
        return new Page<>(items, page, size, totalItems, size == 0 ? 0 : (totalItems + size - 1) / size);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
