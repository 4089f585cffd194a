import org.asyncio4j.benchmarks.CompileTime;
public class Prof {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]); boolean proc = a[1].equals("proc");
        CompileTime.Corpus c = CompileTime.writeCorpus(500);
        try {
            for (int i = 0; i < 3; i++) CompileTime.compile(c, proc);
            long[] t = new long[n];
            for (int i = 0; i < n; i++) { t[i] = CompileTime.compile(c, proc); }
            for (long x : t) System.out.printf("%.0f ", x / 1e6);
            System.out.println();
        } finally { c.delete(); }
    }
}
