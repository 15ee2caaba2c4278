package dev.driftguard.row;

import java.util.Objects;

/**
 * A column's type as the catalog describes it: {@code pg_type.typname} (int4, numeric, _int4, bpchar, timestamptz,
 * or a user type's name), {@code pg_type.typtype} ('b' base, 'e' enum, 'd' domain, 'c' composite, 'r' range, 'm'
 * multirange, 'p' pseudo) and {@code element}: for an array the element type, for a domain its base type
 * ({@code pg_type.typbasetype}), otherwise null.
 *
 * <p>Catalog query that fills it (for a column {@code a} of table {@code c}):
 *
 * <pre>
 * SELECT t.typname, t.typtype,
 *        coalesce(e.typname, b.typname) AS element_typname, coalesce(e.typtype, b.typtype) AS element_typtype
 * FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
 * LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
 * LEFT JOIN pg_type b ON b.oid = t.typbasetype AND t.typtype = 'd'
 * </pre>
 *
 * A domain over an array or a domain over a domain nests: use the constructor with a full {@code element} chain.
 */
public record ColumnType(String typeName, char typtype, ColumnType element) {

    public ColumnType {
        Objects.requireNonNull(typeName, "typeName");
        if (typeName.isEmpty()) {
            throw new IllegalArgumentException("typeName must not be empty");
        }
        if (typtype == 'd' && element == null) {
            throw new IllegalArgumentException(
                    "domain type \"" + typeName + "\" needs its base type as element (pg_type.typbasetype)");
        }
    }

    /** A base type without element, e.g. {@code ColumnType.base("int4")}. */
    public static ColumnType base(String typeName) {
        return new ColumnType(typeName, 'b', null);
    }

    /** An array type of the given element, named as the catalog names it ({@code _} + element name). */
    public static ColumnType arrayOf(ColumnType element) {
        return new ColumnType("_" + element.typeName(), 'b', Objects.requireNonNull(element, "element"));
    }

    /**
     * From catalog columns (see the class comment); {@code elementTypname}/{@code elementTyptype} may be null. For a
     * domain, the element is its base type.
     */
    public static ColumnType ofCatalog(String typname, String typtype, String elementTypname, String elementTyptype) {
        ColumnType element = elementTypname == null
                ? null
                : new ColumnType(elementTypname, typtypeChar(elementTyptype, elementTypname), null);
        return new ColumnType(typname, typtypeChar(typtype, typname), element);
    }

    public boolean isDomain() {
        return typtype == 'd';
    }

    public boolean isEnum() {
        return typtype == 'e';
    }

    /** Catalog array types are named with a leading underscore and carry their element type. */
    public boolean isArray() {
        return typtype != 'd' && element != null;
    }

    private static char typtypeChar(String typtype, String typname) {
        if (typtype == null || typtype.length() != 1) {
            throw new IllegalArgumentException("pg_type.typtype of \"" + typname + "\" must be one character, got "
                    + (typtype == null ? "null" : "'" + typtype + "'"));
        }
        return typtype.charAt(0);
    }

    @Override
    public String toString() {
        return typeName;
    }
}
