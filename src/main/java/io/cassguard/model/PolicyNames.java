package io.cassguard.model;

/** Rule and mutation ids are kebab-case (docs/rules.md); their keys in a policy are the same words in camel case. */
public final class PolicyNames {

    private PolicyNames() {
    }

    public static String camelCase(String id) {
        StringBuilder name = new StringBuilder(id.length());
        boolean upper = false;
        for (char c : id.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
