import javax.tools.*; import java.nio.file.*; import java.util.*; import java.util.stream.*;
public class Floor {
    // args: cp runs dir...
    public static void main(String[] a) throws Exception {
        int runs = Integer.parseInt(a[1]); List<String> cps = new ArrayList<>();
        List<List<Path>> sets = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            List<Path> files = new ArrayList<>();
            String[] cs = a[i].split("\\|"); cps.add(cs[0]); for (String d : cs[1].split("\\+")) try (Stream<Path> s = Files.walk(Paths.get(d))) { s.filter(p -> p.toString().endsWith(".java")).forEach(files::add); }
            sets.add(files);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        long[][] t = new long[sets.size()][runs];
        for (int r = -2; r < runs; r++) for (int s = 0; s < sets.size(); s++) {
            Path out = Files.createTempDirectory("floor");
            var mx = java.lang.management.ManagementFactory.getThreadMXBean(); long t0 = mx.getCurrentThreadCpuTime();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
                boolean ok = javac.getTask(null, fm, null, List.of("--release","17","-d",out.toString(),"-cp",cps.get(s),"-proc:none","-implicit:none"), null, fm.getJavaFileObjectsFromPaths(sets.get(s))).call();
                if (!ok) throw new IllegalStateException("failed set " + s);
            }
            if (r >= 0) t[s][r] = mx.getCurrentThreadCpuTime() - t0;
        }
        for (int s = 0; s < sets.size(); s++) { long[] x = t[s].clone(); Arrays.sort(x); System.out.printf("set %d (%s): median %.0f ms  runs %s%n", s, a[s+2], x[runs/2]/1e6, Arrays.stream(t[s]).mapToObj(v -> String.valueOf(v/1000000)).collect(Collectors.joining(" "))); }
    }
}
