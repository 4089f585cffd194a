import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.BufferedReader;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Printer corpus: every method body is reprinted by SourcePrinterTest, recompiled and run; run() must print the same.
 * Java 17 language only. Keep the output deterministic (no hash codes).
 */
public class Corpus {
    @Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @interface TA {
        String value() default "";
    }

    @Target({ElementType.LOCAL_VARIABLE, ElementType.PARAMETER, ElementType.TYPE, ElementType.METHOD,
            ElementType.FIELD})
    @interface DA {
        int[] value() default {};

        String name() default "";
    }

    private int field = 7;
    private final String name = "corpus";
    static int counter;

    class Inner {
        int v;

        Inner(int v) {
            this.v = v;
        }

        int outerField() {
            return Corpus.this.field + v;
        }
    }

    static class Base {
        String who() {
            return "base";
        }

        static <T> T id(T t) {
            return t;
        }
    }

    static class Derived extends Base {
        @Override
        String who() {
            return "derived";
        }

        String both() {
            Supplier<String> s = super::who;
            return s.get() + "/" + this.who() + "/" + super.who();
        }
    }

    interface Greeter {
        String greet(String n);

        default String twice(String n) {
            return greet(n) + greet(n);
        }
    }

    static class Gen {
        final String made;

        <T> Gen(T t) {
            made = "gen:" + t;
        }
    }

    <T> T generic(T t) {
        return t;
    }

    @Override
    public String toString() {
        return "Corpus(" + field + ")";
    }

    public static String run() throws Exception {
        StringBuilder out = new StringBuilder();
        literals(out);
        operators(out);
        control(out);
        switches(out);
        exceptions(out);
        lambdas(out);
        classes(out);
        patterns(out);
        arrays(out);
        new Corpus().instanceStuff(out);
        return out.toString();
    }

    static void literals(StringBuilder out) {
        int i = 42, hex = 0xFF, oct = 017, bin = 0b1010, under = 1_000_000;
        long l = 123L, lmin = -9223372036854775808L, lmax = 9223372036854775807L, lhex = 0xFFFF_FFFF_FFFFL;
        int imin = -2147483648, imax = 2147483647, hexMin = 0x80000000, negHex = -0x7fffffff, negMin = -0x80000000;
        float f = 1.5f, f2 = 3e10f, f3 = -0.0f, fm = Float.MIN_VALUE, fsmall = 1.4e-45f, fmax = 3.4028235e38f;
        double d = 2.5, d2 = 1e-300, d3 = .5, d4 = 1.0 / 3, d5 = 0x1.8p1, dmax = 1.7976931348623157e308, d6 = 1D;
        double d7 = 4.9e-324, d8 = 100.0, d9 = 1e7, d10 = 123456789.125;
        char c1 = 'a', c2 = '\n', c3 = '\'', c4 = '"', c5 = '\\', c6 = '\u00e9', c7 = '\0', c8 = '\t', c9 = '\u2028';
        char c10 = '\177', c11 = '\r', c12 = ' ', c13 = '$';
        String s = "quote\" backslash\\ tab\t nl\n cr\r ff\f bs\b nul\0 digit\0012 unicode\u00e9\u4e2d\ud83d\ude00 ctrl\u0001 '";
        String tb = """
            Text block "quoted" \
            joined line
              indented\ttab
            trailing\s
            """;
        String empty = "", dollar = "$x $$ ${y}";
        boolean t = true, fa = false;
        Object n = null;
        out.append(i).append(' ').append(hex).append(' ').append(oct).append(' ').append(bin).append(' ').append(under);
        out.append('\n').append(l).append(' ').append(lmin).append(' ').append(lmax).append(' ').append(lhex);
        out.append('\n').append(imin).append(' ').append(imax).append(' ').append(hexMin).append(' ').append(negHex)
                .append(' ').append(negMin);
        out.append('\n').append(f).append(' ').append(f2).append(' ').append(f3).append(' ').append(fm).append(' ')
                .append(fsmall).append(' ').append(fmax);
        out.append('\n').append(d).append(' ').append(d2).append(' ').append(d3).append(' ').append(d4).append(' ')
                .append(d5).append(' ').append(dmax).append(' ').append(d6).append(' ').append(d7).append(' ')
                .append(d8).append(' ').append(d9).append(' ').append(d10);
        out.append('\n').append((int) c1).append(' ').append((int) c2).append(' ').append(c3).append(c4).append(c5)
                .append((int) c6).append(' ').append((int) c7).append(' ').append((int) c8).append(' ')
                .append((int) c9).append(' ').append((int) c10).append(' ').append((int) c11).append(c12).append(c13);
        out.append('\n').append(s).append('|').append(tb).append('|').append(empty).append(dollar);
        out.append('\n').append(t).append(fa).append(n);
        int minusMinus = - -5;
        int minusMinusVar = - -i;
        int plusPlus = + +i;
        int negNeg = -(-i);
        int pre = 5;
        int x = - --pre;
        int y = + ++pre;
        int z = -pre - -pre + +pre - +pre;
        long shifted = 1L << 40;
        out.append('\n').append(minusMinus).append(minusMinusVar).append(plusPlus).append(negNeg).append(x).append(y)
                .append(z).append(shifted);
        out.append('\n');
    }

    static void operators(StringBuilder out) {
        int a = 17, b = 5;
        out.append(a + b).append(a - b).append(a * b).append(a / b).append(a % b).append(a << 2).append(a >> 1)
                .append(-a >>> 28).append(a & b).append(a | b).append(a ^ b).append(~a).append(!(a > b));
        out.append(a < b).append(a <= b).append(a > b).append(a >= b).append(a == b).append(a != b);
        a += 3;
        a -= 1;
        a *= 2;
        a /= 3;
        a %= 7;
        a <<= 2;
        a >>= 1;
        a >>>= 1;
        a &= 0xF;
        a |= 0x10;
        a ^= 3;
        out.append(' ').append(a);
        int c = a++ + ++b - b-- - --a;
        boolean p = a > b && b >= 0 || !(a == b) && a != b ^ true;
        int tern = a > b ? a : b > 0 ? b : -b;
        int par = (a + b) * (a - (b * 2)) / ((a));
        long mixed = (long) a << 33 >>> 2 >> 1;
        int bits = ~a & b | a ^ b;
        String concat = "x" + a + b + (a + b) + 'c' + 1.5 + null;
        Object cast = (Object) (Integer) a;
        Comparable<String> inter = (Comparable<String> & Serializable) "s";
        int casts = (int) -a + (int) +b + (int) ~a + (char) (a + 64);
        double dd = (double) a / b;
        short sh = (short) 70000;
        byte by = (byte) (sh >> 2);
        int assignChain;
        int other;
        assignChain = other = 4;
        out.append(' ').append(c).append(p).append(tern).append(par).append(mixed).append(bits).append(concat)
                .append(cast).append(inter.compareTo("s")).append(casts).append(dd).append(sh).append(by)
                .append(assignChain + other);
        boolean flag = false;
        flag |= a > 0;
        flag &= b > 0;
        String str = null;
        str += "a";
        out.append(flag).append(str).append('\n');
    }

    static int sideEffect(StringBuilder out, String what, int value) {
        out.append(what);
        return value;
    }

    static void control(StringBuilder out) {
        int a = 3;
        if (a > 2) {
            out.append("gt2 ");
        } else if (a > 1) {
            out.append("gt1 ");
        } else {
            out.append("le1 ");
        }
        if (a == 3) out.append("three "); else out.append("other ");
        if (a > 0) if (a > 10) out.append("big "); else out.append("small ");
        if (a < 0) {
        } else out.append("nonneg ");
        if (a > 0)
            ;
        int i = 0;
        while (i < 3) i++;
        while (i < 6) {
            i += 2;
        }
        do i--; while (i > 4);
        do {
            i -= 1;
        } while (i > 2);
        out.append(i).append(' ');
        for (int j = 0, k = 10; j < k; j += 3, k--) {
            out.append(j).append(k).append(',');
        }
        int m, n;
        for (m = 0, n = 5; m < n; m++) {
            n--;
        }
        for (int q = 0, arr[] = {1, 2, 3}; q < arr.length; q++) out.append(arr[q]);
        for (;;) {
            break;
        }
        for (int q = 0; ; q++) {
            if (q > 2) break;
        }
        for (final String s : List.of("x", "y")) {
            out.append(s);
        }
        for (var s : new String[] {"v", "w"}) out.append(s);
        for (@DA int v : new int[] {7}) out.append(v);
        outer:
        for (int r = 0; r < 4; r++) {
            inner: for (int s = 0; s < 4; s++) {
                if (s == 1) continue inner;
                if (s == 2) continue outer;
                if (r == 3) break outer;
                out.append(r).append(s).append(';');
            }
        }
        block: {
            if (a == 3) break block;
            out.append("unreached");
        }
        sync: synchronized (out) {
            out.append(" sync");
        }
        ;
        var list = new ArrayList<String>();
        list.add("l");
        var it = list.iterator();
        while (it.hasNext()) out.append(it.next());
        final int fin = 9;
        @DA(name = "x") int annotated = fin;
        @DA({1, 2}) @SuppressWarnings("unused") final int twoAnn = annotated, another = 2;
        out.append(m).append(n).append(annotated).append(another);
        assert a > 0 : "a must be positive " + a;
        assert a > 0;
        out.append(' ').append(sideEffect(out, "L", 1) + sideEffect(out, "R", 2)).append('\n');
    }

    enum Day { MON, TUE, WED }

    static String classify(int k) {
        switch (k) {
            case 1:
            case 2:
                return "small";
            case 3, 4:
                return "mid";
            default:
                return "big";
            case 10: {
                return "ten";
            }
        }
    }

    static void switches(StringBuilder out) {
        for (int k = 0; k < 5; k++) {
            switch (k) {
                case 0:
                    out.append("zero");
                case 1:
                    out.append("one-ish");
                    break;
                case 2:
                    int local = k * 2;
                    out.append(local);
                    break;
                case 3:
                    local = 33;
                    out.append(local);
                default:
                    out.append("d");
            }
            out.append(classify(k));
        }
        Day day = Day.TUE;
        switch (day) {
            case MON -> out.append("mon");
            case TUE, WED -> {
                out.append("tue-wed");
            }
        }
        String s = "b";
        switch (s) {
            case "a":
                out.append("A");
                break;
            case "b":
                out.append("B");
                break;
        }
        switch (s) {
        }
        char c = 'x';
        switch (c) {
            case 'x' -> out.append("X");
            default -> throw new IllegalStateException();
        }
        int len = switch (day) {
            case MON -> 1;
            case TUE -> {
                int t = 2;
                yield t * 10;
            }
            default -> throw new IllegalArgumentException();
        };
        int old = switch (len) {
            case 20:
                yield 200;
            case 30:
            default: {
                yield -1;
            }
        };
        out.append(len).append(old).append(' ').append(switch (s) { case "b" -> "bee"; default -> "?"; });
        Object o = switch (len) { default -> (Object) "obj"; };
        out.append(o).append('\n');
    }

    static class Res implements AutoCloseable {
        final String name;
        final StringBuilder out;

        Res(String name, StringBuilder out) {
            this.name = name;
            this.out = out;
        }

        @Override
        public void close() {
            out.append("close:").append(name).append(' ');
        }
    }

    static void exceptions(StringBuilder out) throws IOException {
        try {
            throw new IllegalStateException("ise");
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.append(e.getMessage()).append(' ');
        } finally {
            out.append("fin ");
        }
        try (Res r1 = new Res("one", out); var r2 = new Res("two", out)) {
            out.append(r1.name).append(r2.name).append(' ');
        }
        Res shared = new Res("three", out);
        final Res shared2 = new Res("four", out);
        try (shared; shared2) {
            out.append("body ");
        }
        try (BufferedReader reader = new BufferedReader(new StringReader("line"))) {
            out.append(reader.readLine()).append(' ');
        } catch (IOException e) {
            throw e;
        }
        try {
            try {
                Object o = null;
                o.toString();
            } catch (final NullPointerException npe) {
                out.append("npe ");
                throw new RuntimeException("wrapped", npe);
            }
        } catch (RuntimeException e) {
            out.append(e.getMessage()).append(e.getCause() != null).append(' ');
        }
        try {
            out.append("t ");
        } finally {
            out.append("f ");
        }
        try {
            Callable<String> c = () -> {
                throw new Exception("checked");
            };
            c.call();
        } catch (Exception e) {
            out.append(e.getMessage());
        }
        out.append('\n');
    }

    static void lambdas(StringBuilder out) throws Exception {
        Runnable r = () -> out.append("run;");
        r.run();
        Runnable r2 = () -> {
        };
        r2.run();
        Function<Integer, Integer> inc = x -> x + 1;
        Function<Integer, Integer> inc2 = (x) -> x + 2;
        BiFunction<Integer, Integer, Integer> add = (x, y) -> x + y;
        BiFunction<Integer, Integer, Integer> mul = (Integer x, Integer y) -> {
            return x * y;
        };
        BinaryOperator<Integer> sub = (var x, var y) -> x - y;
        BinaryOperator<Integer> mod = (final var x, final var y) -> x % y;
        BinaryOperator<Integer> ann = (@DA final Integer x, @DA Integer y) -> x / y;
        Function<String, String> up = String::toUpperCase;
        Function<Object, String> vo = String::valueOf;
        Supplier<List<String>> ctor = ArrayList::new;
        Supplier<List<String>> ctor2 = ArrayList<String>::new;
        Function<Integer, int[]> arr = int[]::new;
        IntFunction<String[][]> arr2 = String[][]::new;
        Function<String, Integer> parse = Integer::parseInt;
        Supplier<List<String>> gen = Collections::<String>emptyList;
        Function<List<String>, Integer> size = List<String>::size;
        Function<Integer, Function<Integer, Integer>> curried = a -> b -> a * b;
        IntUnaryOperator fact = new IntUnaryOperator() {
            @Override
            public int applyAsInt(int n) {
                return n <= 1 ? 1 : n * this.applyAsInt(n - 1);
            }
        };
        boolean flag = true;
        Supplier<String> cond = flag ? () -> "yes" : () -> "no";
        Callable<Integer> callable = () -> 5;
        Supplier<Supplier<String>> nested = () -> () -> {
            String inner = "nested";
            return inner;
        };
        out.append(inc.apply(1)).append(inc2.apply(1)).append(add.apply(2, 3)).append(mul.apply(2, 3))
                .append(sub.apply(5, 3)).append(mod.apply(7, 4)).append(ann.apply(9, 3)).append(up.apply("u"))
                .append(vo.apply(1)).append(ctor.get()).append(ctor2.get()).append(arr.apply(3).length)
                .append(arr2.apply(2).length).append(parse.apply("12")).append(gen.get()).append(size.apply(List.of("a")))
                .append(curried.apply(3).apply(4)).append(fact.applyAsInt(5)).append(cond.get()).append(callable.call())
                .append(nested.get().get()).append('\n');
    }

    static void classes(StringBuilder out) {
        class Local {
            int v;

            Local(int v) {
                this.v = v;
            }

            Local() {
                this(1);
            }

            int twice() {
                return v * 2;
            }

            int get(Local this) {
                return this.v;
            }

            int sum(int... xs) {
                int total = v;
                for (int x : xs) total += x;
                return total;
            }

            <T> String tag(T t) {
                return "<" + t + ">";
            }
        }
        Local loc = new Local(3);
        out.append(loc.twice()).append(new Local().get()).append(loc.sum(1, 2, 3)).append(loc.<String>tag("t"))
                .append(' ');
        record Point(int x, int y) implements Comparable<Point> {
            static final Point ORIGIN = new Point(0, 0);

            Point {
                if (x < 0) throw new IllegalArgumentException();
            }

            Point(int v) {
                this(v, v);
            }

            int sum() {
                return x + y() + ORIGIN.x;
            }

            @Override
            public int compareTo(Point o) {
                return Integer.compare(sum(), o.sum());
            }
        }
        record Empty() {
        }
        record Pair<A, B>(A first, B... rest) {
        }
        out.append(new Point(2).sum()).append(new Point(1, 2)).append(new Empty()).append(' ')
                .append(new Pair<>("p", 1, 2).rest().length).append(' ');
        enum Color {
            RED, GREEN("g") {
                @Override
                String code() {
                    return "G!";
                }
            }, BLUE();

            private final String c;

            Color() {
                this("-");
            }

            Color(String c) {
                this.c = c;
            }

            String code() {
                return c;
            }
        }
        enum Empty2 {
        }
        enum OnlyMembers {
            ;
            static int five() {
                return 5;
            }
        }
        for (Color color : Color.values()) {
            switch (color) {
                case RED:
                    out.append("r");
                    break;
                default:
                    out.append(color.code());
            }
        }
        out.append(Color.valueOf("BLUE").ordinal()).append(Empty2.values().length).append(OnlyMembers.five());
        interface Shape {
            int SIDES = 0;

            double area();

            default String describe() {
                return "area=" + area();
            }

            static Shape unit() {
                return () -> 1.0;
            }
        }
        abstract class Abstract implements Shape, Serializable {
            abstract int k();

            public double area() {
                return k();
            }
        }
        Shape sq = new Abstract() {
            int k() {
                return 4;
            }
        };
        out.append(' ').append(sq.describe()).append(Shape.unit().area()).append(Shape.SIDES);
        Object anon = new Object() {
            int count = 2;

            {
                count++;
            }

            @Override
            public String toString() {
                return "anon" + count + this.count;
            }
        };
        Greeter g = new Greeter() {
            public String greet(String n) {
                return "hi " + n;
            }

            @Override
            public String twice(String n) {
                return Greeter.super.twice(n) + "!";
            }
        };
        List<String> list = new ArrayList<>() {
            {
                add("a");
                add("b");
            }
        };
        List<String> sized = new ArrayList<String>(List.of("z")) {
        };
        class Box<T extends Comparable<T>> {
            T t;

            Box(T t) {
                this.t = t;
            }

            <U> U map(Function<? super T, ? extends U> f) {
                return f.apply(t);
            }

            class Nested {
                T twice() {
                    return Box.this.t;
                }
            }
        }
        Box<String> box = new Box<>("boxed");
        Box<String>.Nested nested = box.new Nested();
        class Sub extends Base {
            @Override
            String who() {
                return "sub-" + super.who();
            }

            static String stat() {
                return "static-in-local";
            }
        }
        Gen made = new <String>Gen("s");
        class G2 {
            final String s;

            <T> G2(T t) {
                s = String.valueOf(t);
            }

            G2() {
                <String>this("explicit");
            }
        }
        class Outer2 {
            class In {
                final String s;

                In(String s) {
                    this.s = s;
                }
            }
        }
        class SubIn extends Outer2.In {
            SubIn(Outer2 o) {
                o.super("qualified-super");
            }
        }
        class WithStatic {
            static final List<String> LOG = new ArrayList<>();

            static {
                LOG.add("static-init");
            }

            static <T extends Number & Comparable<T>> T max(T a, T b) {
                return a.compareTo(b) >= 0 ? a : b;
            }

            int sum2(int xs[], int... more) {
                int t = 0;
                for (int x : xs) t += x;
                return t + more.length;
            }
        }
        Res anonRes = new Res("anonRes", out) {
            @Override
            public void close() {
                out.append("anon-close ");
                super.close();
            }
        };
        anonRes.close();
        out.append(anon).append(g.twice("x")).append(list).append(sized).append(box.map(String::length))
                .append(nested.twice()).append(new Sub().who()).append(Sub.stat()).append(made.made)
                .append(new G2().s).append(new SubIn(new Outer2()).s).append(WithStatic.LOG)
                .append(WithStatic.max(3, 4)).append(new WithStatic().sum2(new int[] {1, 2}, 3)).append('\n');
    }

    static void patterns(StringBuilder out) {
        Object o = "str";
        if (o instanceof String str && !str.isEmpty()) out.append(str.length());
        if (!(o instanceof String s3)) {
            return;
        }
        out.append(s3);
        boolean bb = o instanceof CharSequence cs ? cs.length() > 0 : false;
        if (o instanceof Integer) out.append("int");
        Object w0 = 5;
        while (!(w0 instanceof String w)) {
            w0 = "w";
        }
        out.append(w);
        if (o instanceof final String fs) out.append(fs);
        if (!(o instanceof Integer num) || num > 3) {
            out.append("not-int");
        } else {
            out.append(num);
        }
        out.append(bb).append('\n');
    }

    static void arrays(StringBuilder out) {
        int[][] grid = new int[3][4];
        grid[1][2] = 5;
        int[][] ragged = new int[2][];
        ragged[0] = new int[] {1};
        Object[] objs = new String[] {"a"};
        int[] empty = {};
        int legacy[] = {1, 2}, plain = 3, matrix[][] = {{1}, {2, 3}};
        String[] words = new String[] {"b", "a"};
        Arrays.sort(words);
        int[][] lit = new int[][] {{1, 2}, {3}};
        long[] longs = new long[2 + 1];
        out.append(grid[1][2]).append(ragged[0][0]).append(objs[0]).append(empty.length).append(legacy[1])
                .append(plain).append(matrix[1][1]).append(String.join(",", words)).append(lit[1][0])
                .append(longs.length).append(new int[0].length).append(Arrays.toString(new int @TA [] @TA [] {{9}}[0]));
        out.append(String.class.getSimpleName()).append(int.class).append(int[].class.getSimpleName())
                .append(String[][].class.getSimpleName()).append(void.class).append(Map.Entry.class.getSimpleName())
                .append('\n');
    }

    void instanceStuff(StringBuilder out) {
        out.append(this.field).append(field).append(this.name.length()).append(counter).append(Corpus.counter);
        Inner in = this.new Inner(1);
        Inner in2 = new Inner(2);
        Corpus other = new Corpus();
        other.field = 10;
        Corpus.Inner in3 = other.new Inner(3);
        out.append(in.outerField()).append(in2.outerField()).append(in3.outerField());
        String s = this.<String>generic("g");
        String s2 = Base.<String>id("i");
        Supplier<String> sup = this::toString;
        Runnable r = () -> out.append(this.field);
        r.run();
        out.append(s).append(s2).append(sup.get()).append(new Derived().both());
        Object anon = new Object() {
            @Override
            public String toString() {
                return "anon:" + Corpus.this.field + field + this.getClass().isAnonymousClass();
            }
        };
        out.append(anon);
        synchronized (this) {
            counter++;
        }
        @TA String ta = "ta";
        List<@TA String> tal = new ArrayList<@TA String>();
        String @TA [] taa = {"x"};
        String @TA [] @TA [] taa2 = {{"y"}};
        Object castAnn = (@TA Object) ta;
        java.lang.@TA String qualified = "q";
        Map<String, ? extends List<? super Integer>> wild = new HashMap<String, List<Number>>();
        List<?> unbounded = List.of(1);
        java.util.List<java.lang.String> full = java.util.List.of("full");
        Iterator<? extends CharSequence> iter = full.iterator();
        out.append(ta).append(tal).append(taa[0]).append(taa2[0][0]).append(castAnn).append(qualified)
                .append(wild.size()).append(unbounded).append(iter.next()).append(java.lang.Math.max(1, 2));
        out.append(((Supplier<String>) () -> "castLambda").get()).append('\n');
        List<String> none = Collections.<String>emptyList();
        Function<String, StringBuilder> app = out::append;
        app.apply("bound-ref ");
        @SuppressWarnings("unchecked")
        List<String>[] generics = new List[2];
        generics[0] = none;
        Object maybeList = List.of("e");
        if (maybeList instanceof List<?> ml && !ml.isEmpty()) out.append(ml.get(0));
        for (var v = 0; v < 2; v++) out.append(v);
        char next = (char) ('a' + 1);
        IntFunction<String> sw = k -> switch (k) {
            case 0 -> "zero";
            default -> {
                String named = "n" + k;
                yield named;
            }
        };
        out.append(next).append(generics[0]).append(sw.apply(0)).append(sw.apply(5)).append('\n');
    }
}
