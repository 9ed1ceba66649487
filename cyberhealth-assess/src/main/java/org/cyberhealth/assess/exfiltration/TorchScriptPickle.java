package org.cyberhealth.assess.exfiltration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;

/**
 * Reads a TorchScript module's {@code data.pkl} (its attributes and tensors, pickled by PyTorch) without running it: a
 * bounded interpreter of the small subset of pickle opcodes PyTorch's writer emits, building a tree in which classes are
 * names, objects are their state, and tensors are what {@code torch._utils._rebuild_tensor_v2} would be called with (a
 * storage reference, offset, size, stride). Nothing named in the pickle is looked up or called, so a hostile pickle can
 * at worst be refused.
 *
 * <p>Why parse the pickle rather than load the module in DJL and match its parameters to storages by content: loading
 * would hand the untrusted archive to PyTorch before it is audited, and matching by content is ambiguous whenever two
 * tensors hold equal values (zero biases, a copied layer); the pickle states which storage each named tensor uses.
 */
final class TorchScriptPickle {

    /** A class or function named by the pickle (never resolved). */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** An object of class {@code type} with its state (attribute name to value). */
    record Obj(Global type, Map<String, Object> state) {}

    /** A tensor: which storage (its key in data/, its type and size in elements), where in it, and its shape. */
    record Tensor(String storageKey, String storageType, long storageElements, long offset, long[] size, long[] stride) {
        long elements() {
            return Arrays.stream(size).reduce(1, (a, b) -> a * b);
        }
    }

    /** A call the pickle asks for that is not a tensor: kept as a value, never made. */
    record Call(Global function, List<Object> arguments) {}

    private record Tuple(List<Object> items) {}

    private record PersistentId(List<Object> items) {}

    private static final Object MARK = new Object();
    private static final int MAX_STACK = 1 << 20;
    private static final int MAX_MEMO = 1 << 20;
    /** Module nesting and attribute nesting deeper than this are refused (a real module nests a few levels). */
    static final int MAX_DEPTH = 64;
    private static final int MAX_DESCRIPTION = 1 << 20;

    private TorchScriptPickle() {}

    /** The pickled root object. */
    static Object read(byte[] pickle) {
        ByteBuffer in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        List<Object> stack = new ArrayList<>();
        Map<Integer, Object> memo = new HashMap<>();
        try {
            while (true) {
                int op = in.get() & 0xff;
                if (stack.size() > MAX_STACK || memo.size() > MAX_MEMO) {
                    throw bad("the pickle grows beyond " + MAX_STACK + " values");
                }
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case 0x95 -> in.getLong(); // FRAME
                    case '.' -> {
                        if (stack.size() != 1) {
                            throw bad("the pickle ends with " + stack.size() + " values on its stack");
                        }
                        return stack.get(0);
                    }
                    case '(' -> stack.add(MARK);
                    case ')' -> stack.add(new Tuple(List.of()));
                    case '}' -> stack.add(new LinkedHashMap<Object, Object>());
                    case ']' -> stack.add(new ArrayList<>());
                    case 'N' -> stack.add(null);
                    case 0x88 -> stack.add(Boolean.TRUE);
                    case 0x89 -> stack.add(Boolean.FALSE);
                    case 'K' -> stack.add((long) (in.get() & 0xff));
                    case 'M' -> stack.add((long) (in.getShort() & 0xffff));
                    case 'J' -> stack.add((long) in.getInt());
                    case 0x8a -> stack.add(long1(in));
                    case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // big-endian
                    case 'X' -> stack.add(string(in, in.getInt()));
                    case 0x8c -> stack.add(string(in, in.get() & 0xff));
                    case 'B' -> stack.add(bytes(in, in.getInt()));
                    case 'C' -> stack.add(bytes(in, in.get() & 0xff));
                    case 'c' -> stack.add(new Global(line(in), line(in)));
                    case 'q' -> memo.put(in.get() & 0xff, top(stack));
                    case 'r' -> memo.put(in.getInt(), top(stack));
                    case 0x94 -> memo.put(memo.size(), top(stack));
                    case 'h' -> stack.add(recall(memo, in.get() & 0xff));
                    case 'j' -> stack.add(recall(memo, in.getInt()));
                    case 't' -> stack.add(new Tuple(popToMark(stack)));
                    case 0x85, 0x86, 0x87 -> {
                        int n = op - 0x84;
                        List<Object> items = new ArrayList<>(pop(stack, n));
                        stack.add(new Tuple(items));
                    }
                    case 'a' -> list(stack.get(stack.size() - 2)).add(pop(stack, 1).get(0));
                    case 'e' -> {
                        List<Object> items = popToMark(stack);
                        list(top(stack)).addAll(items);
                    }
                    case 's' -> {
                        List<Object> kv = pop(stack, 2);
                        dict(top(stack)).put(key(kv.get(0)), kv.get(1));
                    }
                    case 'u' -> {
                        List<Object> items = popToMark(stack);
                        if (items.size() % 2 != 0) {
                            throw bad("SETITEMS with an odd number of values");
                        }
                        Map<Object, Object> dict = dict(top(stack));
                        for (int k = 0; k < items.size(); k += 2) {
                            dict.put(key(items.get(k)), items.get(k + 1));
                        }
                    }
                    case 0x81 -> { // NEWOBJ: class, arguments
                        List<Object> ca = pop(stack, 2);
                        if (!(ca.get(0) instanceof Global type)) {
                            throw bad("NEWOBJ of something that is not a class");
                        }
                        stack.add(new Obj(type, new LinkedHashMap<>()));
                    }
                    case 'b' -> { // BUILD: object, state
                        Object state = pop(stack, 1).get(0);
                        if (!(top(stack) instanceof Obj obj) || !(state instanceof Map<?, ?> map)) {
                            throw bad("BUILD of something that is not an object with a dictionary");
                        }
                        map.forEach((k, v) -> obj.state().put(String.valueOf(k), v));
                    }
                    case 'Q' -> {
                        Object id = pop(stack, 1).get(0);
                        if (!(id instanceof Tuple t)) {
                            throw bad("a persistent id that is not a tuple");
                        }
                        stack.add(new PersistentId(t.items()));
                    }
                    case 'R' -> {
                        List<Object> fa = pop(stack, 2);
                        if (!(fa.get(0) instanceof Global function) || !(fa.get(1) instanceof Tuple arguments)) {
                            throw bad("REDUCE of something that is not a named function with a tuple");
                        }
                        stack.add(reduce(function, arguments.items()));
                    }
                    default -> throw bad(String.format("opcode 0x%02x, which PyTorch's writer does not use", op));
                }
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw bad("the pickle is truncated or malformed");
        }
    }

    private static Object reduce(Global function, List<Object> arguments) {
        if (function.module().equals("collections") && function.name().equals("OrderedDict") && arguments.isEmpty()) {
            return new LinkedHashMap<Object, Object>();
        }
        if (function.module().equals("torch._utils") && function.name().equals("_rebuild_tensor_v2") && arguments.size() >= 4
                && arguments.get(0) instanceof PersistentId id && id.items().size() == 5 && "storage".equals(id.items().get(0))
                && id.items().get(1) instanceof Global type && id.items().get(2) instanceof String key && id.items().get(4) instanceof Long elements
                && arguments.get(1) instanceof Long offset && arguments.get(2) instanceof Tuple size && arguments.get(3) instanceof Tuple stride) {
            return new Tensor(key, type.toString(), elements, offset, longs(size), longs(stride));
        }
        return new Call(function, arguments);
    }

    private static long[] longs(Tuple t) {
        long[] out = new long[t.items().size()];
        for (int k = 0; k < out.length; k++) {
            if (!(t.items().get(k) instanceof Long v) || v < 0) {
                throw bad("a tensor size or stride that is not a natural number");
            }
            out[k] = v;
        }
        return out;
    }

    private static long long1(ByteBuffer in) {
        int n = in.get() & 0xff;
        if (n > 8) {
            throw bad("an integer of " + n + " bytes");
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            v |= (in.get() & 0xffL) << (8 * k);
        }
        return n > 0 && n < 8 ? (v << (64 - 8 * n)) >> (64 - 8 * n) : v;
    }

    private static String string(ByteBuffer in, int length) {
        return new String(bytes(in, length), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw bad("a string longer than the pickle");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static String line(ByteBuffer in) {
        StringBuilder sb = new StringBuilder();
        for (byte c = in.get(); c != '\n'; c = in.get()) {
            if (sb.length() > 1000) {
                throw bad("a class name longer than 1000 characters");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static Object top(List<Object> stack) {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw bad("an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private static Object recall(Map<Integer, Object> memo, int key) {
        if (!memo.containsKey(key)) {
            throw bad("a memo entry that was never stored");
        }
        return memo.get(key);
    }

    private static List<Object> pop(List<Object> stack, int n) {
        if (stack.size() < n) {
            throw bad("a stack underflow");
        }
        List<Object> tail = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        if (tail.contains(MARK)) {
            throw bad("a mark where a value was expected");
        }
        stack.subList(stack.size() - n, stack.size()).clear();
        return tail;
    }

    private static List<Object> popToMark(List<Object> stack) {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw bad("no mark to pop to");
        }
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (!(o instanceof List<?>)) {
            throw bad("APPEND to something that is not a list");
        }
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw bad("SETITEM on something that is not a dictionary");
        }
        return (Map<Object, Object>) o;
    }

    private static Object key(Object k) {
        // Dictionary keys must compare by value: strings, numbers, booleans, None; tuples as their printed form.
        return k instanceof Tuple t ? t.items().toString() : k;
    }

    /**
     * A printable form of a non-tensor value, for comparing attributes with the declaration's. Bounded: the memo lets a
     * small pickle refer to one list many times (or to itself), so depth and length are capped and refused beyond.
     */
    static String describe(Object value) {
        StringBuilder out = new StringBuilder();
        describe(value, out, 0);
        return out.toString();
    }

    private static void describe(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH || out.length() > MAX_DESCRIPTION) {
            throw bad("an attribute nested deeper than " + MAX_DEPTH + " or longer than " + MAX_DESCRIPTION + " characters");
        }
        if (value instanceof Tuple t) {
            items(t.items(), "(", ")", out, depth);
        } else if (value instanceof List<?> l) {
            items(l, "[", "]", out, depth);
        } else if (value instanceof Map<?, ?> m) {
            items(new ArrayList<>(m.entrySet()), "{", "}", out, depth);
        } else if (value instanceof Map.Entry<?, ?> e) {
            describe(e.getKey(), out, depth + 1);
            out.append(": ");
            describe(e.getValue(), out, depth + 1);
        } else if (value instanceof Obj o) {
            out.append(o.type()).append(' ');
            items(new ArrayList<>(o.state().entrySet()), "{", "}", out, depth);
        } else if (value instanceof Call c) {
            out.append(c.function());
            items(c.arguments(), "(", ")", out, depth);
        } else if (value instanceof byte[] b) {
            out.append("bytes ").append(java.util.HexFormat.of().formatHex(b));
        } else {
            out.append(value);
        }
    }

    private static void items(List<?> items, String open, String close, StringBuilder out, int depth) {
        out.append(open);
        for (int k = 0; k < items.size(); k++) {
            out.append(k == 0 ? "" : ", ");
            describe(items.get(k), out, depth + 1);
        }
        out.append(close);
    }

    private static BadInputException bad(String why) {
        return new BadInputException("data.pkl of the TorchScript archive cannot be read: " + why);
    }
}
