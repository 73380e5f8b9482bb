package dam.jobs.sweep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Kryo serializer of any record, by its components: writes them in declaration order and reads them back through
 * the canonical constructor (which Kryo 4's field serializer cannot call, and which keeps the record's own checks).
 * Primitive components are written as such; every other component (arrays, strings, nested records, null) with its
 * class, through Kryo, so its type must be registered too. The field order is the record's, read by reflection: a
 * new component needs no change here.
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {

    private final Class<T> type;
    private final Method[] accessors;
    private final Class<?>[] types;
    private final Constructor<T> canonical;

    /** A serializer of records of {@code type}. */
    RecordSerializer(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("type: must be a record, got " + type.getName());
        }
        RecordComponent[] components = type.getRecordComponents();
        this.type = type;
        this.accessors = new Method[components.length];
        this.types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = components[i].getType();
        }
        try {
            this.canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
        canonical.setAccessible(true);
    }

    @Override
    public void write(Kryo kryo, Output out, T record) {
        for (int i = 0; i < accessors.length; i++) {
            Object value;
            try {
                value = accessors[i].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new KryoException("cannot read " + type.getName() + "." + accessors[i].getName(), e);
            }
            writeComponent(kryo, out, types[i], value);
        }
    }

    @Override
    public T read(Kryo kryo, Input in, Class<T> ignored) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = readComponent(kryo, in, types[i]);
        }
        try {
            return canonical.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new KryoException("cannot construct " + type.getName(), e);
        }
    }

    private static void writeComponent(Kryo kryo, Output out, Class<?> type, Object value) {
        if (type == int.class) {
            out.writeInt((Integer) value);
        } else if (type == long.class) {
            out.writeLong((Long) value);
        } else if (type == double.class) {
            out.writeDouble((Double) value);
        } else if (type == boolean.class) {
            out.writeBoolean((Boolean) value);
        } else if (type.isPrimitive()) {
            throw new KryoException("unsupported primitive component type " + type);
        } else {
            kryo.writeClassAndObject(out, value);
        }
    }

    private static Object readComponent(Kryo kryo, Input in, Class<?> type) {
        if (type == int.class) {
            return in.readInt();
        } else if (type == long.class) {
            return in.readLong();
        } else if (type == double.class) {
            return in.readDouble();
        } else if (type == boolean.class) {
            return in.readBoolean();
        } else if (type.isPrimitive()) {
            throw new KryoException("unsupported primitive component type " + type);
        }
        return kryo.readClassAndObject(in);
    }
}
