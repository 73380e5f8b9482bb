package dam.jobs.sweep;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's components by name, for the ledger's records of grid points and theory keys and for the columns of the
 * tables that hold them: one place that follows the record, so that an axis added to {@code GridPoint} is written,
 * read back and matched without touching the code that stores it. Components are numbers, strings, booleans or
 * enums; an enum is stored as its lower-case name, as the tables' columns hold it (a model as "dense" or "pbody").
 *
 * @param <R> the record type
 */
final class RecordFields<R extends Record> {

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;

    RecordFields(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor of " + type.getName(), e);
        }
    }

    /** The component names, in declaration order (the ledger's key order). */
    List<String> names() {
        return Arrays.stream(components).map(RecordComponent::getName).toList();
    }

    /** The component types, in declaration order. */
    List<Class<?>> types() {
        return Arrays.stream(components).<Class<?>>map(RecordComponent::getType).toList();
    }

    /** The record's components by name, in declaration order. */
    Map<String, Object> of(R record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            try {
                Object v = c.getAccessor().invoke(record);
                out.put(c.getName(), v instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : v);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + type.getSimpleName(), e);
            }
        }
        return out;
    }

    /** The position of a component by name, or -1 if the record has none of that name. */
    int index(String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The number of components. */
    int size() {
        return components.length;
    }

    /** A value converted to the type of component i ({@link #from(Map)}'s rule). */
    Object convert(int i, Object v) {
        return convert(components[i].getName(), components[i].getType(), v);
    }

    /**
     * The record of the components by position, already converted ({@link #convert(int, Object)}).
     *
     * @throws IllegalArgumentException naming a missing component
     */
    R fromArgs(Object[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new IllegalArgumentException("no " + components[i].getName());
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause() == null ? "invalid" : e.getCause().getMessage(), e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /**
     * The record of the given components (numbers converted to the component's type).
     *
     * @throws IllegalArgumentException naming a component that is missing or of the wrong kind
     */
    R from(Map<String, ?> values) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no " + name);
            }
            args[i] = convert(name, components[i].getType(), v);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause() == null ? "invalid" : e.getCause().getMessage(), e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(String name, Class<?> t, Object v) {
        if (t.isEnum()) {
            if (v instanceof String s) {
                try {
                    return Enum.valueOf((Class<? extends Enum>) t, s.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " = " + v + " is not a " + t.getSimpleName(), e);
                }
            }
        } else if (t == int.class || t == Integer.class) {
            if (v instanceof Number x && x.doubleValue() == x.intValue()) {
                return x.intValue();
            }
        } else if (t == long.class || t == Long.class) {
            if (v instanceof Number x && !(v instanceof Double || v instanceof Float)) {
                return x.longValue();
            }
        } else if (t == double.class || t == Double.class) {
            if (v instanceof Number x) {
                return x.doubleValue();
            }
        } else if (t == boolean.class || t == Boolean.class) {
            if (v instanceof Boolean) {
                return v;
            }
        } else if (t == String.class) {
            if (v instanceof String) {
                return v;
            }
        }
        throw new IllegalArgumentException(name + " = " + v + " is not a " + t.getSimpleName());
    }
}
