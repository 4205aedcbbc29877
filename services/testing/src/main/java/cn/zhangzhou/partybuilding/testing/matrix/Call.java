package cn.zhangzhou.partybuilding.testing.matrix;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One request of the matrix on one object.
 *
 * @param body   a JSON body (a map, so the matrix can add read-only fields to it), or null
 * @param owner  the member who owns the object (the {@link Who#OWNER}); null: the scene's owner
 * @param marker what an allowed answer shows and a refused or filtered one must not (a name, a community id):
 *               never a value of the request itself, which a problem may echo; null: not checked
 */
public record Call(String method, String path, Map<String, Object> body, UUID owner, String marker) {

    public static Call get(String path) {
        return new Call("GET", path, null, null, null);
    }

    public static Call post(String path, Map<String, Object> body) {
        return new Call("POST", path, body, null, null);
    }

    public static Call put(String path, Map<String, Object> body) {
        return new Call("PUT", path, body, null, null);
    }

    public static Call delete(String path) {
        return new Call("DELETE", path, null, null, null);
    }

    /** A JSON body from keys and values in turn ({@code body("version", 1, "reason", "x")}), changeable by the matrix. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    public Call ownedBy(UUID member) {
        return new Call(method, path, body, member, marker);
    }

    public Call showing(Object marker) {
        return new Call(method, path, body, owner, String.valueOf(marker));
    }
}
